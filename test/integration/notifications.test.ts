import { expect, it } from 'vitest';
import type { NotificationList } from '../../src/contract/notifications.ts';
import { enqueueNotification } from '../../src/store/notifications.ts';
import { describeEachEngine } from '../support/engines.ts';
import { buildClinic, type TestClinic } from '../support/factories.ts';
import { expectProblem, signedIn } from '../support/http.ts';

describeEachEngine('in-app notifications and nudges', (h) => {
  async function goalOf(clinic: TestClinic) {
    const therapist = await signedIn(h().app, clinic.therapist);
    const res = await therapist.post(`/api/clients/${clinic.client.clientId}/goals`, {
      title: 'Breathe before the bus',
    });
    expect(res.statusCode, res.body).toBe(201);
    return { therapist, goalId: res.json<{ id: string }>().id };
  }

  it("a nudge shows in the client's list with an unread count, and can be marked read", async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    const { therapist, goalId } = await goalOf(clinic);
    const sent = await therapist.post(`/api/goals/${goalId}/nudges`, {
      message: 'How did the breathing practice go?',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ emailed: false });

    const client = await signedIn(h().app, clinic.client);
    expect((await client.get('/api/notifications/unread-count')).json()).toEqual({ unread: 1 });
    const list = (await client.get('/api/notifications')).json<NotificationList>();
    expect(list.unread).toBe(1);
    expect(list.notifications).toHaveLength(1);
    const n = list.notifications[0]!;
    expect(n).toMatchObject({
      kind: 'nudge',
      title: 'Theo Therapist sent you a message',
      body: 'How did the breathing practice go?',
      link: `/goals/${goalId}`,
    });
    expect(n.readAt).toBeUndefined();

    // The therapist's own list does not hold the client's notification.
    expect((await therapist.get('/api/notifications')).json<NotificationList>().unread).toBe(0);

    // Only reminders snooze; a therapist's message stays where it is.
    expectProblem(
      await client.post(`/api/notifications/${n.id}/snooze`, { minutes: 60 }),
      409,
      'not-a-reminder',
    );
    const read = await client.post(`/api/notifications/${n.id}/read`, {});
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual({ id: n.id, readAt: h().clock.now().toISOString() });
    expect((await client.get('/api/notifications/unread-count')).json()).toEqual({ unread: 0 });
    expect(
      (await client.get('/api/notifications?unread=true')).json<NotificationList>().notifications,
    ).toEqual([]);
  });

  it("nobody reads or marks another person's notification", async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    const { therapist, goalId } = await goalOf(clinic);
    const { notificationId } = (
      await therapist.post(`/api/goals/${goalId}/nudges`, { message: 'Hello' })
    ).json<{ notificationId: string }>();
    for (const user of [clinic.therapist, clinic.otherClient, clinic.admin]) {
      const s = await signedIn(h().app, user);
      expectProblem(
        await s.post(`/api/notifications/${notificationId}/read`, {}),
        404,
        'not-found',
      );
    }
    const client = await signedIn(h().app, clinic.client);
    const bad = expectProblem(
      await client.post('/api/notifications/nope/read', {}),
      400,
      'validation',
    );
    expect(bad.field).toBe('params.notificationId');
    expectProblem(await client.get('/api/notifications?limit=0'), 400, 'validation');
    expect((await client.get('/api/notifications/unread-count')).json()).toEqual({ unread: 1 });
  });

  it('read-all clears the count; listing is audited', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    await h()
      .store.db.transaction()
      .execute(async (trx) => {
        for (const i of [1, 2, 3])
          await enqueueNotification(
            trx,
            { clinicId: clinic.id, userId: clinic.admin.id, kind: 'general', title: `Note ${i}` },
            h().clock.now(),
          );
      });
    const admin = await signedIn(h().app, clinic.admin);
    expect((await admin.get('/api/notifications?limit=2')).json<NotificationList>()).toMatchObject({
      unread: 3,
      notifications: [{}, {}],
    });
    expect((await admin.post('/api/notifications/read-all', {})).json()).toEqual({ read: 3 });
    expect((await admin.get('/api/notifications/unread-count')).json()).toEqual({ unread: 0 });
    const audit = await h()
      .store.db.selectFrom('audit_events')
      .select('action')
      .where('actor_id', '=', clinic.admin.id)
      .where('action', 'like', 'notification.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'notification.list',
      'notification.read-all',
    ]);
  });

  it('a dedupe key notifies once', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    const once = () =>
      h()
        .store.db.transaction()
        .execute((trx) =>
          enqueueNotification(
            trx,
            {
              clinicId: clinic.id,
              userId: clinic.client.id,
              kind: 'reminder',
              title: 'Check in today',
              dedupeKey: `test/${clinic.id}/day`,
              email: { template: 'reminder' },
            },
            h().clock.now(),
          ),
        );
    expect(await once()).not.toBeNull();
    expect(await once()).toBeNull();
    const rows = await h()
      .store.db.selectFrom('outbox')
      .select('id')
      .where('user_id', '=', clinic.client.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('only the care team nudges; a bad nudge is refused and stores nothing', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    const { therapist, goalId } = await goalOf(clinic);
    const bad = expectProblem(
      await therapist.post(`/api/goals/${goalId}/nudges`, { message: '   ' }),
      400,
      'validation',
    );
    expect(bad.field).toBe('message');
    expectProblem(
      await therapist.post(`/api/goals/${goalId}/nudges`, { message: 'x'.repeat(501) }),
      400,
      'validation',
    );
    expectProblem(
      await therapist.post(`/api/goals/${goalId}/nudges`, { message: 'Hi', email: 'yes' }),
      400,
      'validation',
    );
    const other = await signedIn(h().app, clinic.otherTherapist);
    expectProblem(
      await other.post(`/api/goals/${goalId}/nudges`, { message: 'Hi' }),
      404,
      'not-found',
    );
    const client = await signedIn(h().app, clinic.client);
    expectProblem(
      await client.post(`/api/goals/${goalId}/nudges`, { message: 'Hi' }),
      403,
      'forbidden',
    );
    const stored = await h()
      .store.db.selectFrom('comments')
      .select('id')
      .where('goal_id', '=', goalId)
      .execute();
    expect(stored).toEqual([]);
    expect((await client.get('/api/notifications/unread-count')).json()).toEqual({ unread: 0 });
  });
});
