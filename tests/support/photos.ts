/** Photo fixtures shared by the photo tests. */

/** A PNG's signature and a little more: the fetcher checks the magic bytes, the fake model reads nothing. */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)])
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)])

/** What the model reads off Grandpa's amoxicillin label. */
export const AMOXICILLIN = {
  kind: 'prescription',
  summary: 'A pharmacy label for amoxicillin suspension.',
  drug: 'Amoxicillin',
  strength: '250 mg/5 mL',
  form: 'suspension',
  doseAmount: 5,
  doseUnit: 'mL',
  timesPerDay: 2,
  frequencyText: 'Take 5 mL by mouth twice daily for 10 days',
  quantity: 100,
  quantityUnit: 'mL',
  refills: 0,
  prescriber: 'Dr. Lee',
  pharmacy: 'CVS Pharmacy',
  patientName: 'John Garcia',
}
export const readingStep = (input: Record<string, unknown>) => ({ toolUse: [{ name: 'record_document', input }] })
