import { z } from 'zod';
import { uuid } from './common.ts';

export const totpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.');

export const mfaVerifyBody = z.union(
  [
    z.strictObject({ code: totpCode }),
    z.strictObject({ recoveryCode: z.string().trim().min(8).max(40) }),
  ],
  { message: 'Send either a 6-digit code or a recovery code.' },
);

export const mfaConfirmBody = z.strictObject({ code: totpCode });

export const reauthBody = z.strictObject({
  password: z.string().min(1, 'Enter your password.').max(1024),
  code: totpCode.optional(),
});

export const changePasswordBody = z.strictObject({ newPassword: z.string().max(1024) });

export const tokenPasswordBody = z.strictObject({
  token: z.string().min(20).max(200),
  password: z.string().max(1024),
});

export const newUserBody = z.strictObject({
  role: z.enum(['admin', 'therapist', 'client']),
  email: z.string().trim().max(254),
  name: z.string().trim().min(1).max(200),
  therapistId: uuid.optional(),
  location: z.string().trim().min(1).max(100).optional(),
  timeZone: z.string().max(64).optional(),
});

export const userIdParams = z.object({ userId: uuid });
export const sessionHandleParams = z.object({
  sessionHandle: z.string().regex(/^[0-9a-f]{16}$/, 'Not a session id.'),
});
export const disableBody = z.strictObject({ disabled: z.boolean() });

export interface MfaStatus {
  /** A confirmed authenticator is on the account. */
  enrolled: boolean;
  /** This session has passed the second factor. */
  verified: boolean;
  /** The account must use MFA (staff in a clinic that requires it, or anyone enrolled). */
  required: boolean;
}

export interface EnrolmentView {
  secret: string;
  otpauthUri: string;
}

export interface SessionListItem {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  current: boolean;
}

export interface UserListItem {
  id: string;
  role: 'admin' | 'therapist' | 'client';
  name: string;
  email: string;
  disabled: boolean;
  mfaEnrolled: boolean;
  /** An admin who reviews break-the-glass access and reads the snooping report. */
  privacyOfficer: boolean;
  clientId: string | null;
}

/** A one-time link to hand to the person (invitation or password reset); shown once. */
export interface OneTimeLink {
  userId: string;
  url: string;
  expiresAt: string;
}

/** Days are UTC days of the audit timestamps. */
export const accessReportQuery = z.object({
  from: z.iso.date({ message: 'Must be a date as YYYY-MM-DD.' }).optional(),
  to: z.iso.date({ message: 'Must be a date as YYYY-MM-DD.' }).optional(),
});

export interface AccessReport {
  clientId: string;
  /** One line per person who touched the record, with what and when. */
  people: {
    actorId: string | null;
    name: string;
    role: string;
    onCareTeam: boolean;
    reads: number;
    writes: number;
    first: string;
    last: string;
    actions: string[];
  }[];
}
