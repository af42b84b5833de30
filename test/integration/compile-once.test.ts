import { expect, it } from 'vitest';
import { compileOnce } from '../../src/store/compile-once.ts';
import { describeEachEngine } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';

describeEachEngine('queries compiled once', (h) => {
  const userByEmail = compileOnce((db, email: string, role: string) =>
    db
      .selectFrom('users')
      .select(['id', 'role'])
      .where('email', '=', email)
      .where('role', '=', role as 'admin'),
  );

  it('runs each call with its own values', async () => {
    const clinic = await buildClinic(h().store);
    const { db } = h().store;
    expect(await userByEmail(db, clinic.therapist.email, 'therapist')).toEqual([
      { id: clinic.therapist.id, role: 'therapist' },
    ]);
    expect(await userByEmail(db, clinic.admin.email, 'admin')).toEqual([
      { id: clinic.admin.id, role: 'admin' },
    ]);
    expect(await userByEmail(db, clinic.admin.email, 'therapist')).toEqual([]);
  });

  it('refuses a query whose parameters do not each appear once', async () => {
    const twice = compileOnce((db, email: string) =>
      db.selectFrom('users').select('id').where('email', '=', email).where('name', '=', email),
    );
    await expect(twice(h().store.db, 'a@example.com')).rejects.toThrow(/exactly once/);
    const unused = compileOnce((db, _email: string) => db.selectFrom('users').select('id'));
    await expect(unused(h().store.db, 'a@example.com')).rejects.toThrow(/exactly once/);
  });
});
