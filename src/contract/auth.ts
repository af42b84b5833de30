import { z } from 'zod';

export const loginBody = z.object({
  email: z.string().trim().min(1, 'Enter your e-mail.').max(254),
  password: z.string().min(1, 'Enter your password.').max(1024),
});
export type LoginBody = z.infer<typeof loginBody>;

export const roles = ['admin', 'therapist', 'client'] as const;
export type RoleName = (typeof roles)[number];

export interface UserView {
  id: string;
  role: RoleName;
  name: string;
  clientId?: string;
  /** An admin who reviews break-the-glass access (and every admin until the clinic names one). */
  privacyOfficer?: true;
}

/** What login and `GET /api/me` answer. */
export interface SessionView {
  user: UserView;
  csrfToken: string;
  /** When `required` and not `verified`, only MFA routes answer until the code is entered. */
  mfa: { enrolled: boolean; verified: boolean; required: boolean };
}
