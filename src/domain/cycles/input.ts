import { z } from 'zod'
import { FLOWS } from './schema.js'

/** A real calendar date: it reads back as the same string (no 30 February). */
export function isCalendarDate(s: string): boolean {
  const t = Date.parse(`${s}T00:00:00Z`)
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s
}

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  // Round-trip, not Date.parse alone: that reads 2026-02-30 as 2 March.
  .refine((s) => isCalendarDate(s), 'not a real date')
  .describe('Her local calendar date, YYYY-MM-DD; defaults to today')

const whose = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .describe('Whose cycle to read: omit for the sender’s own; a member’s name only if she shares hers with the sender')

export const PeriodDateInput = z.object({ date: date.optional() })

/**
 * Basal body temperature: 34–43 is °C, 93–110 is °F (health-facts.md §0 conventions); anything else is
 * not a body temperature.
 */
export const CycleDayInput = z
  .object({
    date: date.optional(),
    flow: z.enum(FLOWS).optional().describe('Bleeding: spotting, light, medium or heavy'),
    symptoms: z
      .array(z.string().trim().min(1).max(40))
      .max(12)
      .optional()
      .describe('Symptoms in a word or two each, e.g. cramps, headache, bloating, mood swings'),
    bbt: z.number().optional().describe('Basal body temperature as typed (°C 34–43 or °F 93–110)'),
    bbtDisturbed: z
      .boolean()
      .optional()
      .describe(
        'She says the temperature was disturbed (ill, fever, alcohol, a bad night, taken late): left out of predictions',
      ),
    note: z.string().trim().max(500).optional().describe('A free-text note for the day'),
  })
  .refine((d) => d.flow || d.symptoms?.length || d.bbt !== undefined || d.note, {
    message: 'say the flow, a symptom, a basal temperature or a note',
  })
  .refine((d) => d.bbt === undefined || (d.bbt >= 34 && d.bbt <= 43) || (d.bbt >= 93 && d.bbt <= 110), {
    message: 'a basal temperature is 34–43 °C or 93–110 °F',
    path: ['bbt'],
  })
export type CycleDayInput = z.infer<typeof CycleDayInput>

/** °F readings (93–110) to °C, one decimal more than typed at most. */
export const bbtCelsius = (v: number) => (v >= 93 ? Math.round(((v - 32) * 5 * 100) / 9) / 100 : v)

export const WhoseInput = z.object({ whose: whose.optional() })

export const HistoryInput = z.object({
  whose: whose.optional(),
  limit: z.number().int().min(1).max(24).optional().describe('How many periods, newest first (default 12)'),
})

export const ReminderInput = z.object({
  on: z.boolean().describe('true: remind her before her predicted period; false: stop'),
  daysBefore: z.number().int().min(0).max(7).optional().describe('Days before the predicted start (default 2)'),
})

export const ShareInput = z.object({
  member: z.string().trim().min(1).max(80).describe('The family member’s name'),
})
