import { z } from 'zod'
import { FEED_METHODS, TEMPERATURE_SITES } from './schema.js'

const at = z.coerce.date().describe('When it happened (not when it was texted); defaults to now')

export const LogFeedInput = z
  .object({
    dependent: z.string().min(1).describe('The dependent’s id, name or nickname'),
    at: at.optional(),
    method: z.enum(FEED_METHODS).describe('breast, bottle or solids'),
    side: z.enum(['L', 'R']).optional().describe('Breast: which side'),
    minutes: z.number().int().positive().max(180).optional().describe('Breast: minutes on that side'),
    amountMl: z.number().positive().max(1000).optional().describe('Bottle: amount in ml'),
    unit: z.enum(['ml', 'oz']).optional().describe('The unit the amount was typed in'),
    milk: z.enum(['formula', 'breastmilk']).optional(),
    food: z.string().trim().max(200).optional().describe('Solids: what was eaten'),
  })
  .refine((f) => f.method !== 'bottle' || f.amountMl !== undefined, {
    message: 'a bottle feed needs an amount',
    path: ['amountMl'],
  })
export type LogFeedInput = z.infer<typeof LogFeedInput>

export const LogSleepInput = z.object({
  dependent: z.string().min(1),
  /** start: fell asleep; end: woke up; range: a nap that already happened. */
  event: z.enum(['start', 'end', 'range']),
  at: at.optional().describe('start/end: when; range: when it started'),
  endAt: z.coerce.date().optional().describe('range: when it ended'),
})
export type LogSleepInput = z.infer<typeof LogSleepInput>

export const LogDiaperInput = z
  .object({ dependent: z.string().min(1), at: at.optional(), wet: z.boolean(), dirty: z.boolean() })
  .refine((d) => d.wet || d.dirty, { message: 'a diaper is wet, dirty or both' })
export type LogDiaperInput = z.infer<typeof LogDiaperInput>

export const LogTemperatureInput = z.object({
  dependent: z.string().min(1),
  at: at.optional(),
  value: z.number().describe('The reading as typed'),
  unit: z.enum(['C', 'F']),
  site: z.enum(TEMPERATURE_SITES).optional(),
})
export type LogTemperatureInput = z.infer<typeof LogTemperatureInput>

export const LogGrowthInput = z
  .object({
    dependent: z.string().min(1),
    at: at.optional(),
    weightKg: z.number().positive().max(400).optional(),
    lengthCm: z.number().positive().max(250).optional(),
    headCm: z.number().positive().max(80).optional(),
  })
  .refine((g) => g.weightKg !== undefined || g.lengthCm !== undefined || g.headCm !== undefined, {
    message: 'a growth entry needs a weight, a length or a head size',
  })
export type LogGrowthInput = z.infer<typeof LogGrowthInput>

export const AddNoteInput = z.object({
  dependent: z.string().min(1),
  at: at.optional(),
  body: z.string().trim().min(1).max(1000),
})
export type AddNoteInput = z.infer<typeof AddNoteInput>

export const AmendLastInput = z
  .object({
    amountMl: z.number().positive().max(1000).optional().describe('The corrected amount of the last feed'),
    at: z.coerce.date().optional().describe('The corrected time of the last entry'),
  })
  .refine((a) => a.amountMl !== undefined || a.at !== undefined, { message: 'say what to correct' })
export type AmendLastInput = z.infer<typeof AmendLastInput>
