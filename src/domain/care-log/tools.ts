import { z } from 'zod'
import { findDependent } from '../dependents/service.js'
import { NoInput } from '../families/input.js'
import { growthStanding } from '../growth/service.js'
import { defineTool, type ToolContext } from '../tools.js'
import { amendLast, undoLast } from './corrections.js'
import {
  AddNoteInput,
  AmendLastInput,
  LogDiaperInput,
  LogFeedInput,
  LogGrowthInput,
  LogSleepInput,
  LogTemperatureInput,
} from './input.js'
import {
  addNote,
  daySummary,
  endSleep,
  feedsToday,
  lastFeed,
  logDiaper,
  logFeed,
  logGrowth,
  logSleepRange,
  logTemperature,
  recentSleeps,
  startSleep,
} from './service.js'

/** The dependent named in the input (id, name or nickname), within the actor's family, and when. */
async function target({ tx, actor, clock }: ToolContext, input: { dependent: string; at?: Date }) {
  const dependent = await findDependent(tx, actor, input.dependent)
  return { dependent, dependentId: dependent.id, at: input.at ?? clock.now(), now: clock.now() }
}

export const logFeedTool = defineTool({
  name: 'log_feed',
  description: 'Record a feed: breast (side, minutes), bottle (amount in ml, formula or breast milk) or solids.',
  input: LogFeedInput,
  permission: 'care:write',
  readOnly: false,
  run: async (ctx, input) => {
    const t = await target(ctx, input)
    const feed = await logFeed(ctx.tx, ctx.actor, t.now, { ...input, dependentId: t.dependentId, at: t.at })
    const today = await feedsToday(ctx.tx, ctx.actor, t.now, t.dependentId)
    return { feed, dependent: t.dependent.name, today: { count: today.count, bottleMl: today.bottleMl } }
  },
})

export const logSleepTool = defineTool({
  name: 'log_sleep',
  description: 'Record sleep: fell asleep (start), woke up (end), or a nap that already happened (range).',
  input: LogSleepInput,
  permission: 'care:write',
  readOnly: false,
  run: async (ctx, input) => {
    const t = await target(ctx, input)
    const entry = { dependentId: t.dependentId, at: t.at }
    const sleep =
      input.event === 'start'
        ? await startSleep(ctx.tx, ctx.actor, t.now, entry)
        : input.event === 'end'
          ? await endSleep(ctx.tx, ctx.actor, t.now, entry)
          : await logSleepRange(ctx.tx, ctx.actor, t.now, { ...entry, endAt: input.endAt ?? t.now })
    return { sleep, dependent: t.dependent.name, event: input.event }
  },
})

export const logDiaperTool = defineTool({
  name: 'log_diaper',
  description: 'Record a diaper change: wet, dirty or both.',
  input: LogDiaperInput,
  permission: 'care:write',
  readOnly: false,
  run: async (ctx, input) => {
    const t = await target(ctx, input)
    const diaper = await logDiaper(ctx.tx, ctx.actor, t.now, { ...input, dependentId: t.dependentId, at: t.at })
    return { diaper, dependent: t.dependent.name }
  },
})

export const logTemperatureTool = defineTool({
  name: 'log_temperature',
  description: 'Record a temperature reading with its unit and, when known, where it was taken.',
  input: LogTemperatureInput,
  permission: 'care:write',
  readOnly: false,
  run: async (ctx, input) => {
    const t = await target(ctx, input)
    const reading = await logTemperature(ctx.tx, ctx.actor, t.now, { ...input, dependentId: t.dependentId, at: t.at })
    return { reading, dependent: t.dependent.name }
  },
})

export const logGrowthTool = defineTool({
  name: 'log_growth',
  description:
    'Record a weight (kg), length (cm) or head circumference (cm). The result says where each stands on the WHO growth standard (0–24 months), or what is missing to say so (birth date, sex).',
  input: LogGrowthInput,
  permission: 'care:write',
  readOnly: false,
  run: async (ctx, input) => {
    const t = await target(ctx, input)
    const entry = await logGrowth(ctx.tx, ctx.actor, t.now, { ...input, dependentId: t.dependentId, at: t.at })
    const standing = growthStanding(t.dependent, entry.at, ctx.actor.timezone, entry)
    return { entry, dependent: t.dependent.name, sex: t.dependent.sex, standing }
  },
})

export const addNoteTool = defineTool({
  name: 'add_note',
  description: 'Keep a free-text note about a dependent in the care log.',
  input: AddNoteInput,
  permission: 'care:write',
  readOnly: false,
  run: async (ctx, input) => {
    const t = await target(ctx, input)
    const note = await addNote(ctx.tx, ctx.actor, t.now, { ...input, dependentId: t.dependentId, at: t.at })
    return { id: note.id, dependent: t.dependent.name, at: note.at }
  },
})

export const lastFeedTool = defineTool({
  name: 'last_feed',
  description: 'When a dependent last ate, and how much they have had today.',
  input: z.object({ dependent: z.string().min(1) }),
  permission: 'care:read',
  readOnly: true,
  run: async (ctx, input) => {
    const t = await target(ctx, input)
    const feed = await lastFeed(ctx.tx, ctx.actor, t.dependentId)
    const today = await feedsToday(ctx.tx, ctx.actor, t.now, t.dependentId)
    return { dependent: t.dependent.name, feed, today: { count: today.count, bottleMl: today.bottleMl } }
  },
})

export const intakeTodayTool = defineTool({
  name: 'intake_today',
  description: 'How much a dependent has eaten since midnight in the family’s time zone.',
  input: z.object({ dependent: z.string().min(1) }),
  permission: 'care:read',
  readOnly: true,
  run: async (ctx, input) => {
    const t = await target(ctx, input)
    const today = await feedsToday(ctx.tx, ctx.actor, t.now, t.dependentId)
    return { dependent: t.dependent.name, ...today }
  },
})

export const careSummaryTool = defineTool({
  name: 'care_summary',
  description: 'Today so far for a dependent: feeds, diapers, sleep, latest temperature.',
  input: z.object({ dependent: z.string().min(1) }),
  permission: 'care:read',
  readOnly: true,
  run: async (ctx, input) => {
    const t = await target(ctx, input)
    return { dependent: t.dependent.name, ...(await daySummary(ctx.tx, ctx.actor, t.now, t.dependentId)) }
  },
})

export const sleepLogTool = defineTool({
  name: 'sleep_log',
  description:
    'Sleep of a dependent over the last hours (default 24): each stretch with start, end and minutes. Use for "how did she sleep last night?".',
  input: z.object({
    dependent: z.string().min(1).describe('The dependent’s id, name or nickname'),
    hours: z.number().int().positive().max(168).optional().describe('How far back to look, in hours (default 24)'),
  }),
  permission: 'care:read',
  readOnly: true,
  run: async (ctx, input) => {
    const t = await target(ctx, input)
    const stretches = await recentSleeps(ctx.tx, ctx.actor, t.now, t.dependentId, input.hours ?? 24)
    const totalMinutes = stretches.reduce((sum, s) => sum + s.minutes, 0)
    return { dependent: t.dependent.name, hours: input.hours ?? 24, stretches, totalMinutes }
  },
})

export const undoLastTool = defineTool({
  name: 'undo_last',
  description: 'Undo the sender’s own last care-log entry from the last 24 hours.',
  input: NoInput,
  permission: 'care:write',
  readOnly: false,
  run: async ({ tx, actor, clock }) => undoLast(tx, actor, clock.now()),
})

export const amendLastTool = defineTool({
  name: 'amend_last',
  description: 'Correct the sender’s own last entry: the amount of a bottle, or the time it happened.',
  input: AmendLastInput,
  permission: 'care:write',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => amendLast(tx, actor, clock.now(), input),
})

export const careLogTools = [
  logFeedTool,
  logSleepTool,
  logDiaperTool,
  logTemperatureTool,
  logGrowthTool,
  addNoteTool,
  lastFeedTool,
  intakeTodayTool,
  careSummaryTool,
  sleepLogTool,
  undoLastTool,
  amendLastTool,
]
