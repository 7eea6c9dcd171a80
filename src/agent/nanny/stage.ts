import type { z } from 'zod'
import { memberName } from '../../domain/families/queries.js'
import { daysText, dayText, hoursText, ruleDays, spanText } from '../../domain/nanny/time.js'
import {
  cancelShiftTool,
  clockInTool,
  clockOutTool,
  coverShiftTool,
  hoursTool,
  listShiftsTool,
  setShiftTool,
  stopShiftsTool,
} from '../../domain/nanny/tools.js'
import { runTool, type Tool } from '../../domain/tools.js'
import { formatLocalTime } from '../../lib/timezone.js'
import type { Stage, Turn } from '../../pipeline/types.js'
import { type NannyCommand, parseNanny } from './parse.js'

const call = <I extends z.ZodType, O>(turn: Turn, tool: Tool<I, O>, input: unknown) =>
  runTool(tool, { tx: turn.tx, actor: turn.actor, clock: turn.clock }, input)

/** Shifts, clock in/out and hours by chat (parse.ts), through the nanny tools (docs/decisions/0025). */
export function nannyStage(): Stage {
  return {
    name: 'nanny',
    async handle(turn) {
      const command = parseNanny(turn.text, { now: turn.clock.now(), timezone: turn.actor.timezone })
      if (!command) return undefined
      return { route: `nanny:${command.kind}`, replies: [await answer(turn, command)] }
    },
  }
}

async function answer(turn: Turn, c: NannyCommand): Promise<string> {
  const zone = turn.actor.timezone
  const span = (o: { start: Date | string; end: Date | string }) =>
    `${dayText(new Date(o.start), zone)} ${spanText({ start: new Date(o.start), end: new Date(o.end) }, zone)}`
  switch (c.kind) {
    case 'set': {
      const r = await call(turn, setShiftTool, {
        member: c.member,
        start: c.start,
        end: c.end,
        date: c.date,
        days: c.days,
      })
      const when = r.shift.rrule
        ? `${daysText(ruleDays(r.shift.rrule))}${r.next ? `, ${spanText(r.next, zone)}, starting ${dayText(r.next.start, zone)}` : ''}`
        : r.next
          ? span(r.next)
          : 'at a time already past'
      return (
        `Added: ${r.worker} works ${when}. ${r.worker} gets a reminder the evening before and an hour before, ` +
        'and you’ll hear if nobody has clocked in 15 minutes after the start.'
      )
    }
    case 'cancel': {
      const r = await call(turn, cancelShiftTool, { member: c.member, date: c.date })
      return `Cancelled: ${r.worker}’s shift ${span(r)}. I’ve told ${r.worker}.`
    }
    case 'cover': {
      const r = await call(turn, coverShiftTool, { member: c.member, cover: c.cover, date: c.date })
      return `Done: ${r.cover} covers ${r.worker}’s shift ${span(r)}. I’ve told them both.`
    }
    case 'stop': {
      const r = await call(turn, stopShiftsTool, { member: c.member })
      return r.stopped
        ? `Stopped ${r.worker}’s shifts. No more shift reminders or clock-in checks for ${r.worker}.`
        : `${r.worker} has no shifts to stop.`
    }
    case 'list':
      return await list(turn, c)
    case 'clock_in': {
      const r = await call(turn, clockInTool, {})
      const shift = r.shift
        ? ` for your ${spanText(r.shift, zone)} shift`
        : ' (no shift was planned now; the hours still count)'
      return [`Clocked in at ${formatLocalTime(r.inAt, zone)}${shift}.`, ...(r.catchUp ? [r.catchUp] : [])].join('\n')
    }
    case 'clock_out': {
      const r = await call(turn, clockOutTool, { at: c.at?.toISOString(), note: c.note })
      const told = r.told ? ' I’ve sent the parents your summary.' : ''
      return `Clocked out at ${formatLocalTime(r.outAt, zone)} — ${hoursText(r.minutes)} this shift.${told}`
    }
    case 'hours':
      return await hours(turn, c)
    case 'unclear':
      return c.what === 'set'
        ? 'Which hours? Say them like “Maria works Mon–Fri 8–5” or “Maria works tomorrow 9am–1pm”.'
        : 'Which day? Say it like “cancel Maria’s shift Friday” or “Jo covers Maria’s shift tomorrow”.'
  }
}

async function list(turn: Turn, c: Extract<NannyCommand, { kind: 'list' }>): Promise<string> {
  const zone = turn.actor.timezone
  const member = c.mine ? await memberName(turn.tx, turn.actor.memberId) : c.member
  const rows = await call(turn, listShiftsTool, { member })
  if (!rows.length) {
    return member
      ? 'No shifts in the next 7 days.'
      : 'No shifts in the next 7 days. Add one like “Maria works Mon–Fri 8–5”.'
  }
  const lines = rows.map((r) => `• ${dayText(r.start, zone)} ${spanText(r, zone)}${c.mine ? '' : ` — ${r.worker}`}`)
  return ['Shifts, next 7 days:', ...lines].join('\n')
}

async function hours(turn: Turn, c: Extract<NannyCommand, { kind: 'hours' }>): Promise<string> {
  const r = await call(turn, hoursTool, { member: c.member, week: c.week })
  const zone = turn.actor.timezone
  const head = `${c.week === 'last' ? 'Last week' : 'This week'} (from ${dayText(r.week.from, zone)}):`
  if (!r.workers.length) return `${head} no hours clocked.`
  const lines = r.workers.map((w) => {
    const overtime = w.overtimeMinutes
      ? ` — ${hoursText(w.minutes - w.overtimeMinutes)} regular + ${hoursText(w.overtimeMinutes)} overtime (over 40h)`
      : ''
    return `• ${w.name}: ${hoursText(w.minutes)} in ${w.punches.length} shift${w.punches.length === 1 ? '' : 's'}${overtime}`
  })
  return [head, ...lines].join('\n')
}
