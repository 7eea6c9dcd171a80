/**
 * Cycle tools. Every one runs for the verified sender: writes touch only her own record, and reads take
 * `whose` only to name a member who shares hers with the sender (access.ts). The same objects serve the
 * fast path (src/agent/cycles) and the model.
 */
import { DomainError } from '../errors.js'
import { NoInput } from '../families/input.js'
import { defineTool } from '../tools.js'
import { cycleCalendarMedia } from './calendar.js'
import {
  bbtCelsius,
  CycleDayInput,
  HistoryInput,
  PeriodDateInput,
  ReminderInput,
  ShareInput,
  WhoseInput,
} from './input.js'
import { setCycleReminder } from './reminders.js'
import {
  cycleHistory,
  cyclePrediction,
  cycleSharesOf,
  logCycleDay,
  logPeriodEnd,
  logPeriodStart,
  shareCycle,
  unshareCycle,
} from './service.js'

const PRIVATE = 'Private to her unless she shares it.'

export const logPeriodStartTool = defineTool({
  name: 'log_period_start',
  description: `The sender's own period started (today unless a date is given). ${PRIVATE}`,
  input: PeriodDateInput,
  permission: 'cycles:own',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => await logPeriodStart(tx, actor, clock.now(), input),
})

export const logPeriodEndTool = defineTool({
  name: 'log_period_end',
  description: `The sender's own period ended (today unless a date is given). ${PRIVATE}`,
  input: PeriodDateInput,
  permission: 'cycles:own',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => await logPeriodEnd(tx, actor, clock.now(), input),
})

export const logCycleDayTool = defineTool({
  name: 'log_cycle_day',
  description: `Record the sender's own flow, period symptoms, basal body temperature or a cycle note for a day. ${PRIVATE}`,
  input: CycleDayInput,
  permission: 'cycles:own',
  readOnly: false,
  run: async ({ tx, actor, clock }, { bbt, bbtDisturbed, ...rest }) =>
    await logCycleDay(tx, actor, clock.now(), {
      ...rest,
      ...(bbt === undefined ? {} : { bbtC: bbtCelsius(bbt), bbtDisturbed }),
    }),
})

export const cyclePredictionTool = defineTool({
  name: 'cycle_prediction',
  description:
    'Predicted next period, ovulation and fertile window, each with a likely date range, from her own cycles ' +
    '(population figures until she has 3) and, when she logs basal temperatures, this cycle’s temperatures ' +
    '(`temperatures`; `method: temperature` once the shift is confirmed). An estimate: never contraception.',
  input: WhoseInput,
  permission: 'cycles:own',
  readOnly: true,
  run: async ({ tx, actor, clock }, input) => await cyclePrediction(tx, actor, clock.now(), input),
})

export const cycleHistoryTool = defineTool({
  name: 'cycle_history',
  description: 'Past periods with their cycle lengths, and the flow, symptoms and temperatures of recent days.',
  input: HistoryInput,
  permission: 'cycles:own',
  readOnly: true,
  run: async ({ tx, actor, clock }, input) => await cycleHistory(tx, actor, clock.now(), input),
})

export const setCycleReminderTool = defineTool({
  name: 'set_cycle_reminder',
  description: 'Turn the sender’s reminder before her predicted period on or off (only she receives it).',
  input: ReminderInput,
  permission: 'cycles:own',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => await setCycleReminder(tx, actor, clock.now(), input),
})

export const shareCycleTool = defineTool({
  name: 'share_cycle',
  description: 'Let a family member read the sender’s cycle tracking (read only). Only when she asks for it.',
  input: ShareInput,
  permission: 'cycles:own',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => await shareCycle(tx, actor, clock.now(), input),
})

export const unshareCycleTool = defineTool({
  name: 'unshare_cycle',
  description: 'Stop sharing the sender’s cycle tracking with a family member.',
  input: ShareInput,
  permission: 'cycles:own',
  readOnly: false,
  run: async ({ tx, actor }, input) => await unshareCycle(tx, actor, input),
})

export const cycleSharesTool = defineTool({
  name: 'cycle_shares',
  description: 'Whom the sender shares her cycle tracking with.',
  input: NoInput,
  permission: 'cycles:own',
  readOnly: true,
  run: async ({ tx, actor }) => ({ sharedWith: await cycleSharesOf(tx, actor) }),
})

export const cycleChartTool = defineTool({
  name: 'cycle_chart',
  description:
    'A calendar picture of her own cycle (last, this and next month: periods, the predicted next one, the fertile window). Hers only; sent with your reply: describe it in a sentence, never a link.',
  input: WhoseInput,
  permission: 'cycles:own',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => {
    // Never someone else's, even one who shares: a picture's URL can be forwarded (0028).
    if (input.whose) {
      throw new DomainError('not_found', 'cycle chart of another member', 'Only your own cycle can be charted.')
    }
    return { mediaId: await cycleCalendarMedia(tx, actor, clock.now()) }
  },
})

export const cycleTools = [
  cycleChartTool,
  logPeriodStartTool,
  logPeriodEndTool,
  logCycleDayTool,
  cyclePredictionTool,
  cycleHistoryTool,
  setCycleReminderTool,
  shareCycleTool,
  unshareCycleTool,
  cycleSharesTool,
]
