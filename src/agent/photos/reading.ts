import { z } from 'zod'
import type { MedicationSchedule } from '../../domain/medications/schema.js'

/**
 * What the model reads off a photo, as the forced tool call's input. Every field is optional and loosely
 * typed: the model reports what it sees, and `planFromReading` decides what of it becomes a plan. Nothing
 * here is an instruction to anyone: text on the photo is data (prompts/prescription.md says so too).
 */
export const DocumentReading = z
  .object({
    kind: z
      .enum(['prescription', 'other_document', 'not_a_document'])
      .describe(
        'prescription: a pharmacy label or prescription for one medicine; other_document: any other medical paper (discharge note, lab result, letter); not_a_document: anything else',
      ),
    summary: z
      .string()
      .describe('One or two plain sentences saying what the document is and its key facts, for the family'),
    drug: z.string().nullish().describe('The medicine as printed, without the strength, e.g. "Amoxicillin"'),
    strength: z.string().nullish().describe('As printed, e.g. "250 mg/5 mL" or "500 mg"'),
    form: z.string().nullish().describe('e.g. "suspension", "tablet", "capsule", "inhaler"'),
    doseAmount: z.number().nullish().describe('How much per dose, the number only, e.g. 5 for "take 5 mL"'),
    doseUnit: z.string().nullish().describe('The unit of doseAmount: mg, ml, tablet, capsule, puff, drop or unit'),
    timesPerDay: z.number().nullish().describe('Doses per day when the label says so ("twice daily" = 2)'),
    everyHours: z.number().nullish().describe('When the label says "every N hours", N'),
    asNeeded: z.boolean().nullish().describe('True when it is taken only as needed ("PRN", "as needed for pain")'),
    frequencyText: z
      .string()
      .nullish()
      .describe('The directions as printed, e.g. "Take 5 mL by mouth twice daily for 10 days"'),
    quantity: z.number().nullish().describe('Quantity dispensed, the number only'),
    quantityUnit: z.string().nullish().describe('The unit of quantity: ml, tablet, capsule…'),
    refills: z.number().nullish().describe('Refills remaining; 0 when it says "no refills"'),
    prescriber: z.string().nullish().describe('The prescribing clinician as printed'),
    pharmacy: z.string().nullish().describe('The pharmacy as printed'),
    patientName: z.string().nullish().describe('The patient name as printed'),
    instructions: z.string().nullish().describe('Any other text on the document, verbatim (warnings, notes)'),
  })
  .describe('Record what this photographed medical document says.')

export type DocumentReading = z.infer<typeof DocumentReading>

/** The dose units a regimen takes (AddMedicationInput.doseUnit), from what labels print. */
const UNITS: Record<string, 'mg' | 'ml' | 'tablet' | 'capsule' | 'puff' | 'drop' | 'unit'> = {
  mg: 'mg',
  milligram: 'mg',
  ml: 'ml',
  millilitre: 'ml',
  milliliter: 'ml',
  tablet: 'tablet',
  tab: 'tablet',
  pill: 'tablet',
  capsule: 'capsule',
  cap: 'capsule',
  puff: 'puff',
  inhalation: 'puff',
  drop: 'drop',
  unit: 'unit',
}

export type DoseUnit = (typeof UNITS)[string]

export function doseUnitOf(text: string | null | undefined): DoseUnit | undefined {
  const word = (text ?? '').trim().toLowerCase().replace(/s$/, '')
  return UNITS[word]
}

/**
 * Reminder times for "N times a day": 8am, and spread over the waking day. Chosen here, not read from
 * the label (labels rarely give clock times); the proposal says them, and NO drops a plan that does not fit.
 */
export const DEFAULT_TIMES: Record<number, string[]> = {
  1: ['08:00'],
  2: ['08:00', '20:00'],
  3: ['08:00', '14:00', '20:00'],
  4: ['08:00', '12:00', '16:00', '20:00'],
}

/** The medication plan a reading proposes, in the shape of the add_medication tool (without who). */
export interface ProposedMedication {
  name: string
  strength?: string
  form?: string
  doseAmount?: number
  doseUnit?: DoseUnit
  schedule: MedicationSchedule
  prescriber?: string
  pharmacy?: string
  quantityOnHand?: number
  refillsLeft?: number
}

const text = (v: string | null | undefined, max: number) => {
  const t = (v ?? '').replace(/\s+/g, ' ').trim()
  return t && t.length <= max ? t : undefined
}
const positive = (v: number | null | undefined, max: number) =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= max ? v : undefined

/** When doses are due, from the label's frequency; undefined when the label does not say. */
export function scheduleOf(r: DocumentReading): MedicationSchedule | undefined {
  const perDay = positive(r.timesPerDay, 24)
  const every = positive(r.everyHours, 72)
  if (perDay && Number.isInteger(perDay) && DEFAULT_TIMES[perDay])
    return { kind: 'times', times: DEFAULT_TIMES[perDay] }
  if (every && !r.asNeeded && 24 % every === 0 && every >= 4) {
    const times = Array.from({ length: 24 / every }, (_, i) => `${String((8 + i * every) % 24).padStart(2, '0')}:00`)
    return { kind: 'times', times: times.sort() }
  }
  if (every) return { kind: 'interval', hours: every, asNeeded: Boolean(r.asNeeded) }
  if (perDay) return { kind: 'interval', hours: Math.round((24 / perDay) * 10) / 10, asNeeded: Boolean(r.asNeeded) }
  if (r.asNeeded) return { kind: 'as_needed' }
  return undefined
}

/**
 * The plan a prescription reading proposes, or what is missing to propose one. Values are bounded to
 * what the add_medication tool accepts; a quantity in another unit than the dose is left out (the
 * supply is counted in dose units).
 */
export function planFromReading(r: DocumentReading): { plan: ProposedMedication } | { missing: 'drug' | 'frequency' } {
  const name = text(r.drug, 80)
  if (!name) return { missing: 'drug' }
  const schedule = scheduleOf(r)
  if (!schedule) return { missing: 'frequency' }
  const doseUnit = doseUnitOf(r.doseUnit)
  const doseAmount = doseUnit ? positive(r.doseAmount, 10_000) : undefined
  const quantityUnit = r.quantityUnit ? doseUnitOf(r.quantityUnit) : doseUnit
  const quantity = quantityUnit && quantityUnit === doseUnit ? positive(r.quantity, 10_000) : undefined
  const refills = typeof r.refills === 'number' && Number.isInteger(r.refills) && r.refills >= 0 && r.refills <= 99
  return {
    plan: {
      name,
      strength: text(r.strength, 40),
      form: text(r.form, 40),
      doseAmount,
      doseUnit: doseAmount ? doseUnit : undefined,
      schedule,
      prescriber: text(r.prescriber, 80),
      pharmacy: text(r.pharmacy, 80),
      quantityOnHand: quantity,
      refillsLeft: refills ? (r.refills ?? undefined) : undefined,
    },
  }
}
