import type { Patient } from '@medplum/fhirtypes';
import type { RecordClient } from '../store/exports.ts';
import { fhirId, identifierSystem } from './codes.ts';

export const patientId = (client: Pick<RecordClient, 'id'>) => fhirId('client', client.id);

/**
 * The client as a Patient. Only what Stepwise holds and the client sees on their own profile:
 * name, email, the clinic and the primary therapist (by name; no Practitioner is exported).
 */
export function patientResource(client: RecordClient): Patient {
  return {
    resourceType: 'Patient',
    id: patientId(client),
    identifier: [{ system: identifierSystem('client'), value: client.id }],
    active: true,
    name: [{ text: client.name }],
    telecom: [{ system: 'email', value: client.email }],
    ...(client.primaryTherapist
      ? { generalPractitioner: [{ display: client.primaryTherapist.name }] }
      : {}),
    managingOrganization: { display: client.clinicName },
  };
}
