import { z } from 'zod'

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM, e.g. 08:00')

export const Schedule = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('times'), times: z.array(time).min(1).max(12) }),
    z.object({
      kind: z.literal('interval'),
      hours: z.number().positive().max(72),
      asNeeded: z.boolean().default(false),
    }),
    z.object({ kind: z.literal('as_needed') }),
  ])
  .describe('When doses are due: fixed local times ("08:00", "20:00"), every N hours, or only as needed')

export const AddMedicationInput = z.object({
  dependent: z.string().min(1).describe('Who takes it: id, name or nickname'),
  name: z.string().trim().min(1).max(80).describe('As on the label, e.g. "Metformin"'),
  strength: z.string().trim().max(40).optional().describe('e.g. "500 mg" or "160 mg/5 mL"'),
  form: z.string().trim().max(40).optional(),
  doseAmount: z.number().positive().optional(),
  doseUnit: z.enum(['mg', 'ml', 'tablet', 'capsule', 'puff', 'drop', 'unit']).optional(),
  schedule: Schedule,
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  prescriber: z.string().trim().max(80).optional(),
  pharmacy: z.string().trim().max(80).optional(),
  quantityOnHand: z.number().min(0).optional().describe('In dose units (tablets, ml…)'),
  refillsLeft: z.number().int().min(0).optional(),
  responsible: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .optional()
    .describe('The member who gives it (a parent, the nanny), by name; omit when the person takes it themself'),
})

export const LogDoseInput = z.object({
  dependent: z.string().min(1),
  drug: z.string().trim().min(1).max(80).describe('As typed: "tylenol", "metformin"'),
  key: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .optional()
    .describe('The generic, when the caller already resolved it ("tylenal" → "acetaminophen")'),
  amount: z.number().positive().optional(),
  unit: z.string().max(20).optional(),
  at: z.coerce.date().optional(),
})

export const SlotDosesInput = z.object({
  dependent: z.string().min(1),
  slot: z.enum(['morning', 'midday', 'evening']),
  at: z.coerce.date().optional(),
})

export const DrugQuestionInput = z.object({
  dependent: z.string().min(1),
  drug: z.string().trim().min(1).max(80),
})

export const AdherenceInput = z.object({
  dependent: z.string().min(1),
  slot: z.enum(['morning', 'midday', 'evening']).optional(),
})
