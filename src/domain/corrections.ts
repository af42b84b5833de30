/**
 * Corrections overlay: an accepted correction changes what an entry shows without changing the
 * entry, so presenters show the corrected value with the original beside it, struck through.
 */

export interface CorrectionFact {
  resource: string;
  resourceId: string;
  field: string | null;
  status: 'open' | 'accepted' | 'declined';
  original: unknown;
  corrected: unknown;
  resolvedAt: string | null;
}

export interface AppliedCorrection {
  original: unknown;
  corrected: unknown;
  resolvedAt: string;
}

/** Accepted corrections with a corrected value, the latest per entry field. */
export class CorrectionIndex {
  private readonly byKey = new Map<string, AppliedCorrection>();

  constructor(facts: readonly CorrectionFact[]) {
    for (const f of facts) {
      if (f.status !== 'accepted' || f.field === null || f.corrected === null) continue;
      if (f.corrected === undefined || f.resolvedAt === null) continue;
      const key = CorrectionIndex.key(f.resource, f.resourceId, f.field);
      const seen = this.byKey.get(key);
      if (!seen || seen.resolvedAt <= f.resolvedAt)
        this.byKey.set(key, {
          original: f.original,
          corrected: f.corrected,
          resolvedAt: f.resolvedAt,
        });
    }
  }

  private static key(resource: string, id: string, field: string): string {
    return `${resource}\u0000${id}\u0000${field}`;
  }

  /** The accepted correction of this field of this entry, if any. */
  get(resource: string, id: string, field: string): AppliedCorrection | undefined {
    return this.byKey.get(CorrectionIndex.key(resource, id, field));
  }

  /** The value to show: the corrected one when there is one, else the stored one. */
  value<T>(resource: string, id: string, field: string, stored: T): T {
    const c = this.get(resource, id, field);
    return c ? (c.corrected as T) : stored;
  }
}
