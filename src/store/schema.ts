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
  care_team_past: CareTeamPastTable;
  auth_sessions: AuthSessionTable;
  login_failures: LoginFailureTable;
  audit_events: AuditEventTable;
  audit_seals: AuditSealTable;
  therapy_sessions: TherapySessionTable;
  measures: MeasureTable;
  goals: GoalTable;
  revisions: RevisionTable;
  steps: StepTable;
  practices: PracticeTable;
  practice_completions: PracticeCompletionTable;
  comments: CommentTable;
  gas_ratings: GasRatingTable;
  goal_templates: GoalTemplateTable;
  check_ins: CheckInTable;
  questionnaire_responses: QuestionnaireResponseTable;
  questionnaire_schedules: QuestionnaireScheduleTable;
  journal_entries: JournalEntryTable;
  alerts: AlertTable;
  jobs: JobTable;
  mfa_factors: MfaFactorTable;
  recovery_codes: RecoveryCodeTable;
  auth_tokens: AuthTokenTable;
  corrections: CorrectionTable;
  correction_resolutions: CorrectionResolutionTable;
  report_summaries: ReportSummaryTable;
  consent_directives: ConsentDirectiveTable;
  if_then_plans: IfThenPlanTable;
  plan_uses: PlanUseTable;
  goal_drafts: GoalDraftTable;
  relapse_plans: RelapsePlanTable;
  break_glass_grants: BreakGlassGrantTable;
  notifications: NotificationTable;
  outbox: OutboxTable;
  reminder_settings: ReminderSettingsTable;
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
  archived_at: string | null;
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
  /** 1 for an admin who is a privacy officer: reviews break-the-glass and reads the snooping report. */
  privacy_officer: Generated<number>;
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

/** A period someone was on a client's care team, written when they leave it. */
export interface CareTeamPastTable {
  client_id: string;
  user_id: string;
  from_at: string;
  until_at: string;
}

export interface AuthSessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  /** When this session passed the second factor; null until then. */
  mfa_at: string | null;
  /** When the person last re-entered their password (and code): sensitive changes need it recent. */
  reauth_at: string | null;
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
  /** 1 when the actor reached this client through a live break-the-glass grant. */
  break_glass: Generated<number>;
}

/** One link of the audit hash chain: the event `event_seq` sealed at `position` (0, 1, 2, …). */
export interface AuditSealTable {
  position: number;
  event_seq: number;
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

export type MeasureKind = 'count' | 'scale' | 'minutes' | 'yesno';
export type Better = 'higher' | 'lower';
export type GoalStatusValue = 'proposed' | 'active' | 'on-hold' | 'achieved' | 'discontinued';

export interface MeasureTable {
  id: string;
  client_id: string;
  name: string;
  kind: MeasureKind;
  unit: string | null;
  better: Better;
  /** The SD of a clinical sample and the reliability that give the measure's RCI (SPEC §4). */
  sd: number | null;
  reliability: number | null;
  created_at: string;
}

export interface GoalTable {
  id: string;
  client_id: string;
  parent_id: string | null;
  title: string;
  why: string | null;
  status: GoalStatusValue;
  priority: number | null;
  measure_id: string | null;
  baseline: number | null;
  target: number | null;
  due_date: string | null;
  /** When the current baseline/target were set: the start of the line to the target (SPEC §9 R5). */
  target_set_at: string | null;
  /** JSON `{"-2": text, …, "2": text}` or null. */
  gas_levels: string | null;
  gas_weight: number | null;
  /** How often the goal is reviewed (days), and the client's day of the next review (issue 10). */
  review_every_days: number | null;
  review_date: string | null;
  /** Set while an achieved goal is being sustained: since when, how often to check in, and the slip line. */
  sustaining_since: string | null;
  sustain_every_days: number | null;
  slip_threshold: number | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface RevisionTable {
  entity: 'goal' | 'step' | 'practice';
  entity_id: string;
  goal_id: string;
  version: number;
  at: string;
  by: string;
  /** JSON `{field: {from, to}}`. */
  changes: string;
  reason: string | null;
}

export interface StepTable {
  id: string;
  goal_id: string;
  title: string;
  due_date: string | null;
  position: number;
  done_at: string | null;
  done_by: string | null;
  removed: number;
  version: number;
  created_at: string;
}

export interface PracticeTable {
  id: string;
  goal_id: string;
  title: string;
  /** JSON PracticeSchedule. */
  schedule: string;
  minutes: number | null;
  start_date: string;
  status: 'active' | 'paused' | 'ended';
  version: number;
  created_at: string;
}

export interface PracticeCompletionTable {
  practice_id: string;
  local_date: string;
  at: string;
  by: string;
  minutes: number | null;
}

export interface CommentTable {
  id: string;
  goal_id: string;
  author_id: string;
  body: string;
  created_at: string;
}

export interface GasRatingTable {
  id: string;
  goal_id: string;
  level: number;
  rated_at: string;
  rated_by: string;
  created_at: string;
}

export interface GoalTemplateTable {
  id: string;
  clinic_id: string;
  category: string;
  title: string;
  why: string | null;
  /** JSON `{name, kind, unit?, better}` or null. */
  measure: string | null;
  /** JSON `{baseline?, target?}` hints or null. */
  target: string | null;
  /** JSON `[{title}]`. */
  steps: string;
  /** JSON `[{title, schedule, minutes?}]`. */
  practices: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CheckInTable {
  id: string;
  client_id: string;
  measure_id: string;
  value: number;
  at: string;
  /** The client's day of `at`, in their time zone. */
  local_date: string;
  received_at: string;
  note: string | null;
  entered_by: string;
  body_hash: string;
}

export interface QuestionnaireResponseTable {
  id: string;
  client_id: string;
  instrument: 'phq9' | 'gad7';
  /** JSON array of item scores. */
  answers: string;
  total: number;
  severity: string;
  risk_flag: number;
  completed_at: string;
  /** Order received, for ties on completed_at. */
  received_seq: string;
  entered_by: string;
}

export interface QuestionnaireScheduleTable {
  id: string;
  client_id: string;
  instrument: 'phq9' | 'gad7';
  kind: 'every' | 'before-session';
  /** 0 for a `before-session` schedule. */
  every_days: number;
  /** The window before each session, for a `before-session` schedule; null otherwise. */
  days_before: number | null;
  start_date: string;
  active: number;
  created_by: string;
  created_at: string;
}

export interface JournalEntryTable {
  id: string;
  client_id: string;
  body: string;
  mood: number | null;
  prompt: string | null;
  visibility: 'private' | 'shared';
  created_at: string;
  updated_at: string;
}

export type AlertKind = 'risk' | 'deterioration' | 'off-track' | 'silence';

export interface AlertTable {
  id: string;
  clinic_id: string;
  client_id: string;
  kind: AlertKind;
  severity: 'high' | 'medium' | 'low';
  owner_id: string | null;
  source: string;
  detail: string;
  open_key: string | null;
  created_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  ack_note: string | null;
  escalated_at: string | null;
}

export interface JobTable {
  name: string;
  next_run_at: string;
  locked_until: string | null;
  locked_by: string | null;
  last_run_at: string | null;
  last_error: string | null;
}

export type CorrectableResource =
  'goal' | 'step' | 'practice' | 'check-in' | 'questionnaire' | 'comment' | 'journal';

/** A client's request to correct an entry; the entry itself is never changed (append-only). */
export interface CorrectionTable {
  id: string;
  client_id: string;
  resource: CorrectableResource;
  resource_id: string;
  field: string | null;
  requested: string;
  /** JSON snapshot of the field when requested. */
  original: string | null;
  requested_by: string;
  requested_at: string;
}

/** The one answer to a correction (append-only). */
export interface CorrectionResolutionTable {
  correction_id: string;
  decision: 'accepted' | 'declined';
  /** JSON of the corrected value, when accepted with one. */
  corrected: string | null;
  note: string | null;
  resolved_by: string;
  resolved_at: string;
}

/** Each save of the therapist's report summary; the latest by `seq` is printed (append-only). */
export interface ReportSummaryTable {
  seq: Generated<number>;
  client_id: string;
  text: string;
  written_by: string;
  written_at: string;
}

export interface MfaFactorTable {
  user_id: string;
  /** Base32 TOTP secret. */
  secret: string;
  created_at: string;
  confirmed_at: string | null;
  last_step: number | null;
}

export interface RecoveryCodeTable {
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface AuthTokenTable {
  token_hash: string;
  user_id: string;
  purpose: 'invite' | 'reset';
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export type DirectiveScope = 'record' | 'goal' | 'journal' | 'questionnaire';

export interface ConsentDirectiveTable {
  id: string;
  client_id: string;
  scope: DirectiveScope;
  /** The withheld entry; null for the whole record. */
  resource_id: string | null;
  /** The staff member it is withheld from; null for every staff member. */
  staff_user_id: string | null;
  reason: string | null;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

/** An obstacle on the way to a goal and the if–then plan for it (issue 10). */
export interface IfThenPlanTable {
  id: string;
  goal_id: string;
  obstacle: string;
  if_text: string;
  then_text: string;
  position: number;
  removed: number;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export type PlanWorked = 'yes' | 'partly' | 'no';

/** One time the obstacle happened, and whether the plan worked. */
export interface PlanUseTable {
  id: string;
  plan_id: string;
  client_id: string;
  worked: PlanWorked;
  at: string;
  local_date: string;
  check_in_id: string | null;
  journal_entry_id: string | null;
  note: string | null;
  entered_by: string;
  received_at: string;
  body_hash: string;
}

/** A guided goal-setting conversation in progress (issue 10); `content` is JSON. */
export interface GoalDraftTable {
  id: string;
  client_id: string;
  /** The furthest of the 7 steps reached. */
  step: number;
  content: string;
  status: 'open' | 'finished' | 'discarded';
  /** JSON list of the goals it became, once finished. */
  goal_ids: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** A client's relapse-prevention plan; the lists are JSON. */
export interface RelapsePlanTable {
  client_id: string;
  warning_signs: string;
  what_helps: string;
  contacts: string;
  notes: string | null;
  version: number;
  updated_by: string;
  updated_at: string;
}

/** A therapist's time-limited access to a record outside their caseload, and its review. */
export interface BreakGlassGrantTable {
  id: string;
  clinic_id: string;
  user_id: string;
  client_id: string;
  reason: string;
  created_at: string;
  expires_at: string;
  reviewed_at: string | null;
  reviewed_by: string | null;
  outcome: 'justified' | 'not-justified' | null;
  review_note: string | null;
}

/** An in-app notice to a privacy officer that a grant awaits review. */
export interface NotificationTable {
  id: string;
  clinic_id: string;
  user_id: string;
  client_id: string | null;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  dedupe_key: string | null;
  created_at: string;
  read_at: string | null;
  snoozed_until: string | null;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxTable {
  id: string;
  clinic_id: string;
  user_id: string;
  to_address: string;
  template: string;
  params: string;
  status: OutboxStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface ReminderSettingsTable {
  client_id: string;
  settings: string;
  updated_at: string;
}
