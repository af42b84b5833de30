import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { DialectName } from '../dialect.ts';
import * as m0001 from './0001-clinic.ts';
import * as m0002 from './0002-goals.ts';
import * as m0003 from './0003-measurement.ts';
import * as m0006 from './0006-exports.ts';
import * as m0007 from './0007-security.ts';
import * as m0008 from './0008-dashboard-index.ts';
import * as m0009 from './0009-consent-directives.ts';
import * as m0010 from './0010-break-glass.ts';
import * as m0011 from './0011-outbox.ts';
import * as m0012 from './0012-measure-admin.ts';
import * as m0015 from './0015-audit-seals.ts';
import * as m0013 from './0013-goal-setting.ts';
import * as m0016 from './0016-one-inbox.ts';
import * as m0017 from './0017-care-team-past.ts';

type Step = { up(db: Kysely<unknown>, dialect: DialectName): Promise<void> };

/** Ordered, forward-only. Append new steps; never edit one that has shipped. */
const steps: Record<string, Step> = {
  '0001-clinic': m0001,
  '0002-goals': m0002,
  '0003-measurement': m0003,
  '0006-exports': m0006,
  '0007-security': m0007,
  '0008-dashboard-index': m0008,
  '0009-consent-directives': m0009,
  '0010-break-glass': m0010,
  '0011-outbox': m0011,
  '0012-measure-admin': m0012,
  '0015-audit-seals': m0015,
  '0013-goal-setting': m0013,
  '0016-one-inbox': m0016,
  '0017-care-team-past': m0017,
};

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve(
        Object.fromEntries(
          Object.entries(steps).map(([name, step]): [string, Migration] => [
            name,
            { up: (db) => step.up(db, dialect) },
          ]),
        ),
      ),
  };
}
