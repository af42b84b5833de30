import type { Generated } from 'kysely';

/**
 * The database as Kysely sees it. Instants are ISO-8601 UTC strings (`2026-01-02T03:04:05.678Z`),
 * identical on SQLite and PostgreSQL and ordered as text; local days are `YYYY-MM-DD`.
 * JSON columns are text holding JSON.
 */
export interface Database {
  clinics: ClinicTable;
  locations: LocationTable;
  users: UserTable;
  clients: ClientTable;
  care_team: CareTeamTable;
  auth_sessions: AuthSessionTable;
  login_failures: LoginFailureTable;
  audit_events: AuditEventTable;
  therapy_sessions: TherapySessionTable;
}

export type Role = 'admin' | 'therapist' | 'client';

export interface ClinicTable {
  id: string;
  name: string;
  settings: string;
  created_at: string;
}

export interface LocationTable {
  id: string;
  clinic_id: string;
  name: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  clinic_id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  location_id: string | null;
  disabled_at: string | null;
  created_at: string;
}

export interface ClientTable {
  id: string;
  clinic_id: string;
  user_id: string;
  time_zone: string;
  location_id: string | null;
  primary_therapist_id: string | null;
  created_at: string;
}

export interface CareTeamTable {
  client_id: string;
  user_id: string;
  is_primary: number;
  added_at: string;
}

export interface AuthSessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
}

export interface LoginFailureTable {
  id: Generated<number>;
  key: string;
  at: string;
}

export interface AuditEventTable {
  seq: Generated<number>;
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  client_id: string | null;
  resource: string;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface TherapySessionTable {
  id: string;
  client_id: string;
  therapist_id: string;
  date: string;
  clinician_note: string | null;
  created_at: string;
}
