import { z } from 'zod';
import { instant, uuid } from './common.ts';

export const notificationsQuery = z.object({
  unread: z.enum(['true', 'false'], { message: 'Use true or false.' }).default('false'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: instant.optional(),
});

export const notificationIdParams = z.object({ notificationId: uuid });

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body?: string;
  /** An app path to open. */
  link?: string;
  createdAt: string;
  readAt?: string;
}

export interface NotificationList {
  notifications: NotificationView[];
  unread: number;
}

export const outboxStatuses = ['pending', 'sent', 'failed'] as const;

export const outboxQuery = z.object({
  status: z.enum(outboxStatuses, { message: 'Use pending, sent or failed.' }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const outboxMessageParams = z.object({ messageId: uuid });

/** One e-mail as it was (or would be) sent: what admins read in the outbox view. */
export interface OutboxMessageView {
  id: string;
  to: string;
  template: string;
  subject: string;
  body: string;
  status: (typeof outboxStatuses)[number];
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  createdAt: string;
  sentAt?: string;
}

export interface OutboxList {
  /** Whether SMTP is configured: without it pending e-mail stays here. */
  delivering: boolean;
  counts: Record<(typeof outboxStatuses)[number], number>;
  messages: OutboxMessageView[];
}
