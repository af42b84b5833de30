import { lazy } from 'react';
import type { ComponentType } from 'react';

// The client's first load is sign-in and Today (imported by app.tsx); every other screen is
// its own chunk, loaded when first opened.
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

export interface PageRoute {
  path: string;
  Page: ComponentType;
}

const goalEditor = page(() => import('./pages/goal-editor/goal-editor.tsx'), 'GoalEditorPage');
const wizardPages = () => import('./pages/goal-wizard/wizard-pages.tsx');
const clientWizard = page(wizardPages, 'ClientGoalWizardPage');
const therapistWizard = page(wizardPages, 'TherapistGoalWizardPage');

export const clientRoutes: PageRoute[] = [
  { path: 'goals', Page: page(() => import('./pages/client/goals.tsx'), 'GoalsPage') },
  {
    path: 'goals/new',
    Page: page(() => import('./pages/client/propose-goal.tsx'), 'ProposeGoalPage'),
  },
  { path: 'goals/plan', Page: clientWizard },
  { path: 'goals/plan/:draftId', Page: clientWizard },
  {
    path: 'questionnaires/:instrument',
    Page: page(() => import('./pages/client/questionnaire.tsx'), 'QuestionnairePage'),
  },
  { path: 'journal', Page: page(() => import('./pages/client/journal.tsx'), 'JournalPage') },
  { path: 'my-data', Page: page(() => import('./pages/client/my-data.tsx'), 'MyDataPage') },
  {
    path: 'my-data/access',
    Page: page(() => import('./pages/client/access-report.tsx'), 'AccessReportPage'),
  },
  { path: 'privacy', Page: page(() => import('./pages/client/privacy.tsx'), 'PrivacyPage') },
  {
    path: 'keeping-well',
    Page: page(() => import('./pages/client/relapse-plan.tsx'), 'RelapsePlanPage'),
  },
  { path: 'reminders', Page: page(() => import('./pages/client/reminders.tsx'), 'RemindersPage') },
];

export const staffRoutes: PageRoute[] = [
  { path: '', Page: page(() => import('./pages/therapist/dashboard.tsx'), 'DashboardPage') },
  { path: 'alerts', Page: page(() => import('./pages/therapist/alerts.tsx'), 'AlertsPage') },
  {
    path: 'clients/:clientId',
    Page: page(() => import('./pages/client-record/client-page.tsx'), 'ClientPage'),
  },
  { path: 'clients/:clientId/goals/new', Page: goalEditor },
  { path: 'clients/:clientId/goals/plan', Page: therapistWizard },
  { path: 'clients/:clientId/goals/plan/:draftId', Page: therapistWizard },
  {
    path: 'clients/:clientId/session',
    Page: page(() => import('./pages/session/session-review.tsx'), 'SessionReviewPage'),
  },
  { path: 'goals/:goalId/edit', Page: goalEditor },
];

/** Only therapists break the glass. */
export const therapistRoutes: PageRoute[] = [
  {
    path: 'break-glass',
    Page: page(() => import('./pages/break-glass/break-glass.tsx'), 'BreakGlassPage'),
  },
];

/** Privacy officers (admins with the flag) review break-the-glass access and off-caseload reads. */
export const privacyRoutes: PageRoute[] = [
  {
    path: 'privacy/review',
    Page: page(() => import('./pages/privacy/review-queue.tsx'), 'ReviewQueuePage'),
  },
  {
    path: 'privacy/snooping',
    Page: page(() => import('./pages/privacy/snooping-report.tsx'), 'SnoopingReportPage'),
  },
];

/** Clinic admins get the staff screens and these. */
export const adminRoutes: PageRoute[] = [
  {
    path: 'admin/settings',
    Page: page(() => import('./pages/admin/settings.tsx'), 'SettingsPage'),
  },
  { path: 'admin/users', Page: page(() => import('./pages/admin/users.tsx'), 'UsersPage') },
  {
    path: 'admin/locations',
    Page: page(() => import('./pages/admin/locations.tsx'), 'LocationsPage'),
  },
  {
    path: 'admin/care-teams',
    Page: page(() => import('./pages/admin/care-teams.tsx'), 'CareTeamsPage'),
  },
  { path: 'admin/audit', Page: page(() => import('./pages/admin/audit-log.tsx'), 'AuditLogPage') },
  {
    path: 'admin/consent',
    Page: page(() => import('./pages/admin/consent.tsx'), 'ConsentPage'),
  },
  {
    path: 'admin/templates',
    Page: page(() => import('./pages/admin/templates.tsx'), 'TemplatesPage'),
  },
  { path: 'admin/outbox', Page: page(() => import('./pages/admin/outbox.tsx'), 'OutboxPage') },
];

export const sharedRoutes: PageRoute[] = [
  { path: 'account', Page: page(() => import('./pages/account.tsx'), 'AccountPage') },
  {
    path: 'notifications',
    Page: page(() => import('./pages/notifications/notifications-page.tsx'), 'NotificationsPage'),
  },
  { path: 'goals/:goalId', Page: page(() => import('./pages/goal/goal-page.tsx'), 'GoalPage') },
  {
    path: 'goals/:goalId/journey',
    Page: page(() => import('./pages/goal/journey.tsx'), 'JourneyPage'),
  },
];
