import type { z } from 'zod'
import {
  cycleChartTool,
  cycleHistoryTool,
  cyclePredictionTool,
  cycleSharesTool,
  logCycleDayTool,
  logPeriodEndTool,
  logPeriodStartTool,
  setCycleReminderTool,
  shareCycleTool,
  unshareCycleTool,
} from '../../domain/cycles/tools.js'
import { dayName, rangeName } from '../../domain/cycles/words.js'
import { runTool, type Tool } from '../../domain/tools.js'
import { formatLocalTime, localDate } from '../../lib/timezone.js'
import { isSharedConversation } from '../../pipeline/conversation.js'
import type { Stage, Turn } from '../../pipeline/types.js'
import { type CycleCommand, parseCycle } from './parse.js'
import { presentDay, presentFertile, presentHistory, presentNext, presentStart } from './present.js'

const call = <I extends z.ZodType, O>(turn: Turn, tool: Tool<I, O>, input: unknown) =>
  runTool(tool, { tx: turn.tx, actor: turn.actor, clock: turn.clock }, input)

/** "cycle chart", "my cycle calendar", "chart my cycle", "show me my period calendar". */
const CYCLE_CHART =
  /^(?:(?:show|send)\s+(?:me\s+)?)?(?:my\s+)?(?:cycle|period)\s+(?:chart|calendar)(?:\s+please)?[.!?]*$|^chart\s+(?:my\s+)?(?:cycle|periods?)[.!?]*$/i

const CHART_WORDS =
  'Your cycle calendar: logged periods in red, the predicted next one in pink, the fertile window in green ' +
  '(predictions are estimates from your history, never contraception).'

const ONLY_IN_DM = 'Cycle tracking is private: send me that in a direct message and I’ll answer there.'

/** Cycle tracking by chat (parse.ts), through the cycle tools: private to the sender unless she shares. */
export function cycleStage(): Stage {
  return {
    name: 'cycles',
    async handle(turn) {
      const chart = CYCLE_CHART.test(turn.text.trim())
      const command = chart ? undefined : parseCycle(turn.text, localDate(turn.clock.now(), turn.actor.timezone))
      if (!chart && !command) return undefined
      // Nothing about anyone's cycle is said (or written) in a thread other people read.
      if (isSharedConversation(turn.message.conversationKey))
        return { route: 'cycles', replies: [ONLY_IN_DM], remember: false }
      if (chart) {
        const { mediaId } = await call(turn, cycleChartTool, {})
        return { route: 'cycles', replies: [CHART_WORDS], mediaId, remember: false }
      }
      if (!command) return undefined
      // One route for every command: the log line says cycle tracking was used, not what was logged.
      // Not remembered either: a member she shared with would otherwise keep her answers in his
      // conversation memory after she stops sharing (docs/decisions/0028).
      return { route: 'cycles', replies: [await answer(turn, command)], remember: false }
    },
  }
}

async function answer(turn: Turn, c: CycleCommand): Promise<string> {
  const today = localDate(turn.clock.now(), turn.actor.timezone)
  switch (c.kind) {
    case 'start': {
      const r = await call(turn, logPeriodStartTool, { date: c.date })
      if (c.day) await call(turn, logCycleDayTool, { date: r.period.startDate, ...c.day })
      return presentStart(r, c.day)
    }
    case 'end': {
      const r = await call(turn, logPeriodEndTool, { date: c.date })
      return `Logged: period ended ${dayName(r.period.endDate ?? today)} (${r.days} day${r.days === 1 ? '' : 's'}). Private to you.`
    }
    case 'day': {
      const row = await call(turn, logCycleDayTool, { date: c.date, ...c.day })
      return presentDay(row.date, {
        flow: row.flow,
        symptoms: c.day.symptoms,
        bbtC: row.bbtC,
        bbtDisturbed: row.bbtDisturbed,
      })
    }
    case 'query':
      return await query(turn, c.what, c.whose, today)
    case 'remind':
      return await remind(turn, c)
    case 'share': {
      const r = await call(turn, shareCycleTool, { member: c.member })
      return `${r.already ? 'Already shared' : 'Shared'}: ${r.with} can now see your cycle predictions and history (read only). Reply “stop sharing my cycle with ${r.with}” to end it.`
    }
    case 'unshare': {
      const r = await call(turn, unshareCycleTool, { member: c.member })
      return r.was ? `Stopped: ${r.with} can no longer see your cycle.` : `${r.with} couldn’t see your cycle anyway.`
    }
    case 'shares': {
      const r = await call(turn, cycleSharesTool, {})
      return r.sharedWith.length
        ? `Your cycle is shared with: ${r.sharedWith.join(', ')} (read only).`
        : 'Your cycle is private: only you can see it.'
    }
    case 'unclear_date':
      return 'When did it start? Say “period started today”, “… yesterday”, “… 3 days ago” or “… on 3 March”.'
  }
}

async function query(turn: Turn, what: 'next' | 'fertile' | 'history', whose: string | undefined, today: string) {
  if (what === 'history') {
    const h = await call(turn, cycleHistoryTool, { whose })
    return presentHistory(h.owner, h)
  }
  const { owner, prediction } = await call(turn, cyclePredictionTool, { whose })
  return what === 'next' ? presentNext(owner, prediction, today) : presentFertile(owner, prediction)
}

async function remind(turn: Turn, c: { on: boolean; daysBefore?: number }) {
  const r = await call(turn, setCycleReminderTool, { on: c.on, daysBefore: c.daysBefore })
  if (!r.on) return 'Okay — no more period reminders.'
  const days = `${r.daysBefore} day${r.daysBefore === 1 ? '' : 's'}`
  if (!r.prediction) return `Okay — I’ll remind you ${days} before your predicted period once you’ve logged one.`
  const next = r.next
    ? ` Next one ${formatLocalTime(r.next, turn.actor.timezone)} (period likely ${rangeName(r.prediction.nextStart)}).`
    : ' The next predicted start is too close for this one; I’ll remind you before the one after.'
  return `Okay — I’ll remind you ${days} before your predicted period, only you.${next} Reply PERIOD REMINDERS OFF to stop.`
}
