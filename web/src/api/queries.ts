import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { ClientList } from '../../../src/contract/clients.ts';
import type { GoalDraftView } from '../../../src/contract/goal-drafts.ts';
import type { GoalView, RevisionView } from '../../../src/contract/goals.ts';
import type { MeasureList } from '../../../src/contract/measurement.ts';
import type { CommentView, TemplateView } from '../../../src/contract/plan.ts';
import type { QuestionnaireView } from '../../../src/contract/questionnaires.ts';
import { get, request } from './http.ts';

/** Query keys in one place, so a write knows what to refresh. */
export const keys = {
  clients: ['clients'] as const,
  goals: (clientId: string) => ['goals', clientId] as const,
  goal: (goalId: string) => ['goal', goalId] as const,
  revisions: (goalId: string) => ['revisions', goalId] as const,
  comments: (goalId: string) => ['comments', goalId] as const,
  templates: ['templates'] as const,
  breakGlass: ['break-glass'] as const,
  privacy: ['privacy'] as const,
  drafts: (clientId: string) => ['goal-drafts', clientId] as const,
  draft: (draftId: string) => ['goal-draft', draftId] as const,
  measures: (clientId: string) => ['measures', clientId] as const,
};

/** After a write to a goal or anything under it: the goal and its client's goal list reload. */
export function refreshGoal(
  queryClient: QueryClient,
  goal: { goalId: string; clientId: string },
): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: keys.goals(goal.clientId) }),
    queryClient.invalidateQueries({ queryKey: keys.goal(goal.goalId) }),
  ]);
}

export function useClients() {
  return useQuery({
    queryKey: keys.clients,
    queryFn: ({ signal }) => get<ClientList>('/api/clients', signal),
  });
}

/** A client's own record (a client's GET /api/clients lists only themself). */
export function useClientRecord(clientId: string | undefined) {
  const q = useClients();
  return { ...q, data: q.data?.clients.find((c) => c.id === clientId) };
}

export function useGoals(clientId: string | undefined) {
  return useQuery({
    queryKey: keys.goals(clientId ?? ''),
    queryFn: ({ signal }) => get<{ goals: GoalView[] }>(`/api/clients/${clientId}/goals`, signal),
    enabled: Boolean(clientId),
  });
}

/** One goal with its ETag, which every PATCH sends back as If-Match. */
export function useGoal(goalId: string | undefined) {
  return useQuery({
    queryKey: keys.goal(goalId ?? ''),
    queryFn: async ({ signal }) => {
      const res = await request<GoalView>(`/api/goals/${goalId}`, { signal });
      return { goal: res.data, etag: res.etag ?? `"${res.data.version}"` };
    },
    enabled: Boolean(goalId),
  });
}

export function useRevisions(goalId: string) {
  return useQuery({
    queryKey: keys.revisions(goalId),
    queryFn: ({ signal }) =>
      get<{ revisions: RevisionView[] }>(`/api/goals/${goalId}/revisions?include=all`, signal),
  });
}

export function useComments(goalId: string) {
  return useQuery({
    queryKey: keys.comments(goalId),
    queryFn: ({ signal }) =>
      get<{ comments: CommentView[] }>(`/api/goals/${goalId}/comments`, signal),
  });
}

/** A client's questionnaire responses, oldest first. */
export function useQuestionnaires(clientId: string) {
  return useQuery({
    queryKey: ['questionnaires', clientId],
    queryFn: ({ signal }) =>
      get<{ questionnaires: QuestionnaireView[] }>(
        `/api/clients/${clientId}/questionnaires`,
        signal,
      ),
  });
}

export function useTemplates(enabled = true) {
  return useQuery({
    queryKey: keys.templates,
    queryFn: ({ signal }) => get<{ templates: TemplateView[] }>('/api/templates', signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** A client's open goal-setting drafts, the most recently saved first. */
export function useDrafts(clientId: string | undefined) {
  return useQuery({
    queryKey: keys.drafts(clientId ?? ''),
    queryFn: ({ signal }) =>
      get<{ drafts: GoalDraftView[] }>(`/api/clients/${clientId}/goal-drafts`, signal),
    enabled: Boolean(clientId),
  });
}

/** One goal-setting draft; its version is what each step's PATCH sends as If-Match. */
export function useDraft(draftId: string | undefined) {
  return useQuery({
    queryKey: keys.draft(draftId ?? ''),
    queryFn: ({ signal }) => get<GoalDraftView>(`/api/goal-drafts/${draftId}`, signal),
    enabled: Boolean(draftId),
    // The wizard holds what is typed; a background refresh must not replace it.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useMeasures(clientId: string) {
  return useQuery({
    queryKey: keys.measures(clientId),
    queryFn: ({ signal }) => get<MeasureList>(`/api/clients/${clientId}/measures`, signal),
  });
}
