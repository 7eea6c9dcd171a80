import type { z } from 'zod'
import { durationText } from '../../domain/digest/words.js'
import { isDomainError } from '../../domain/errors.js'
import { findMemberByName, memberName } from '../../domain/families/queries.js'
import { EARLY_MS, openPunch, plannedShifts } from '../../domain/nanny/service.js'
import { dayText, ruleText, spanText } from '../../domain/nanny/time.js'
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
import { findDrug } from '../parser/drugs.js'
import { type NannyCommand, parseNanny } from './parse.js'

const call = <I extends z.ZodType, O>(turn: Turn, tool: Tool<I, O>, input: unknown) =>
  runTool(tool, { tx: turn.tx, actor: turn.actor, clock: turn.clock }, input)

/** Shifts, clock in/out and hours by chat (parse.ts), through the nanny tools (docs/decisions/0025). */
export function nannyStage(): Stage {
  return {
    name: 'nanny',
    async handle(turn) {
      const command = parseNanny(turn.text, { now: turn.clock.now(), timezone: turn.actor.timezone })
      if (!command || !(await applies(turn, command))) return undefined
      return { route: `nanny:${command.kind}`, replies: [await answer(turn, command)] }
    },
  }
}

/**
 * Whether a command that reads like one is one for this sender (docs/decisions/0025): "here" only with
 * a shift starting about now, "leaving" only while clocked in, and a shift change only about a member
 * who is not a parent ("Maya is off Friday" is about a child; "Ben works 9–5" about a parent's job).
 * Anything else goes on to the record's fast path and the agent.
 */
async function applies(turn: Turn, c: NannyCommand): Promise<boolean> {
  const now = turn.clock.now()
  switch (c.kind) {
    case 'clock_in': {
      if (c.sure) return true
      const soon = { from: new Date(now.getTime() - 12 * 3_600_000), to: new Date(now.getTime() + EARLY_MS) }
      const due = await plannedShifts(turn.tx, turn.actor, soon, turn.actor.memberId)
      return due.some((p) => p.end > now) && !(await openPunch(turn.tx, turn.actor, now))
    }
    case 'clock_out':
      return c.sure || Boolean(await openPunch(turn.tx, turn.actor, now))
    case 'set':
    case 'cancel':
    case 'stop':
      return await isWorker(turn, c.member)
    case 'cover':
      return (await isWorker(turn, c.member)) && (await isWorker(turn, c.cover))
    default:
      return true
  }
}

/** A member of the sender's family who could work a shift (not a parent); ambiguous names count, for the tool to ask. */
async function isWorker(turn: Turn, name: string): Promise<boolean> {
  try {
    const m = await findMemberByName(turn.tx, turn.actor, name)
    return m.role !== 'owner' && m.role !== 'admin'
  } catch (err) {
    if (isDomainError(err) && err.code === 'conflict') return true
    if (isDomainError(err) && err.code === 'not_found') return false
    throw err
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
        every: c.every,
        until: c.until,
      })
      const last = r.last ? `, the last ${dayText(r.last.start, zone)}` : ''
      const when = r.shift.rrule
        ? `${ruleText(r.shift.rrule)}${r.next ? `, ${spanText(r.next, zone)}, starting ${dayText(r.next.start, zone)}` : ''}${last}`
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
    case 'clock_out':
      return await clockOut(turn, c)
    case 'hours':
      return await hours(turn, c)
    case 'unclear':
      return c.what === 'set'
        ? 'Which hours? Say them like “Maria works Mon–Fri 8–5” or “Maria works tomorrow 9am–1pm”.'
        : 'Which day? Say it like “cancel Maria’s shift Friday” or “Jo covers Maria’s shift tomorrow”.'
  }
}

async function clockOut(turn: Turn, c: Extract<NannyCommand, { kind: 'clock_out' }>): Promise<string> {
  const r = await call(turn, clockOutTool, { at: c.at?.toISOString(), note: c.note })
  const told = r.told ? ' I’ve sent the parents your summary.' : ''
  // A dose written only in the note would skip the record and the dose check.
  const drug = c.note ? findDrug(c.note) : undefined
  const dose =
    drug && drug !== 'many'
      ? `\nYour note mentions ${drug.drug.name}: if you gave a dose, log it too (e.g. “gave Maya ${drug.drug.name} 80 mg at 4pm”) so the dose check counts it.`
      : ''
  return `Clocked out at ${formatLocalTime(r.outAt, turn.actor.timezone)} — ${durationText(r.minutes)} this shift.${told}${dose}`
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
      ? ` — ${durationText(w.minutes - w.overtimeMinutes)} regular + ${durationText(w.overtimeMinutes)} overtime (over 40h)`
      : ''
    return `• ${w.name}: ${durationText(w.minutes)} in ${w.punches.length} shift${w.punches.length === 1 ? '' : 's'}${overtime}`
  })
  return [head, ...lines].join('\n')
}
