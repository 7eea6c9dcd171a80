import { DateTime } from 'luxon'
import { z } from 'zod'
import { DomainError } from '../errors.js'
import { findMemberByName, memberName } from '../families/queries.js'
import { enqueueOutboxMany } from '../outbox/service.js'
import { can } from '../permissions.js'
import { toMembers } from '../schedules/derived.js'
import { defineTool, type ToolContext } from '../tools.js'
import { clockOutHandoff, sinceLastShift } from './handoff.js'
import {
  activeShifts,
  cancelShiftDay,
  clockIn,
  clockOut,
  coverShiftDay,
  createShift,
  lastShiftOccurrence,
  nextShiftOccurrence,
  plannedShifts,
  stopShift,
  workedTime,
} from './service.js'
import { dayText, ruleText, spanText, WEEKDAYS, workWeek } from './time.js'

const member = z.string().trim().min(1).describe('The member’s name, e.g. "Maria"')
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:mm (24-hour)')
const instant = z.iso.datetime({ offset: true }).describe('ISO 8601 with offset; default now')

/** Minutes from `start` to `end` (HH:mm), past midnight when the end is not after the start. */
const span = (start: string, end: string) => {
  const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))
  const d = m(end) - m(start)
  return d > 0 ? d : d + 24 * 60
}

/** Tells a member about a change to their shifts (exactly once per `key`), unless they made it. */
async function tell(ctx: ToolContext, memberId: string, key: string, body: string): Promise<void> {
  if (memberId === ctx.actor.memberId) return
  const messages = await toMembers(ctx.tx, [memberId], {
    familyId: ctx.actor.familyId,
    kind: 'shift_change',
    key: (m) => `${key}:${m}`,
    body: () => body,
  })
  await enqueueOutboxMany(ctx.tx, ctx.clock.now(), messages)
}

const when = (ctx: ToolContext, o: { start: Date; end: Date }) =>
  `${dayText(o.start, ctx.actor.timezone)} ${spanText(o, ctx.actor.timezone)}`

const today = (ctx: ToolContext) => DateTime.fromJSDate(ctx.clock.now(), { zone: ctx.actor.timezone }).toISODate() ?? ''

export const setShiftTool = defineTool({
  name: 'set_shift',
  description:
    'Add a caregiver’s shift: one-off on a date, or weekly on some days ("Maria works Mon–Fri 8–5"), optionally every other week or until a date. Reminders and the clock-in check follow.',
  input: z.object({
    member,
    start: localTime,
    end: localTime,
    date: localDate.optional().describe('The (first) date; default today'),
    days: z.array(z.enum(WEEKDAYS)).optional().describe('Weekly on these days; omit for a one-off'),
    every: z.literal([1, 2]).optional().describe('2: every other week, from the week of the first date'),
    until: localDate.optional().describe('The last date a weekly shift starts on; omit: until stopped'),
  }),
  permission: 'shifts:write',
  readOnly: false,
  run: async (ctx, input) => {
    const worker = await findMemberByName(ctx.tx, ctx.actor, input.member)
    const shift = await createShift(ctx.tx, ctx.actor, ctx.clock.now(), {
      memberId: worker.id,
      date: input.date ?? today(ctx),
      start: input.start,
      minutes: span(input.start, input.end),
      days: input.days,
      every: input.every,
      until: input.until,
    })
    // This shift's own first and last days (not whichever of her shifts comes first).
    const first = nextShiftOccurrence(shift, ctx.clock.now())
    const last = lastShiftOccurrence(shift, ctx.clock.now())
    const by = (await memberName(ctx.tx, ctx.actor.memberId)) ?? 'A parent'
    if (first) {
      const lastWords = last && last.start > first.start ? `, the last ${dayText(last.start, ctx.actor.timezone)}` : ''
      const what = shift.rrule
        ? `shifts ${ruleText(shift.rrule)}, the first ${when(ctx, first)}${lastWords}`
        : `a shift: ${when(ctx, first)}`
      await tell(
        ctx,
        worker.id,
        `shiftset:${shift.id}`,
        `🗓️ ${by} added ${what}. You’ll get a reminder the evening before and an hour before.`,
      )
    }
    return {
      shift,
      worker: worker.name,
      next: first ? { start: first.start, end: first.end } : undefined,
      last: last && first && last.start > first.start ? { start: last.start, end: last.end } : undefined,
    }
  },
})

export const listShiftsTool = defineTool({
  name: 'list_shifts',
  description: 'Upcoming shifts (default the next 7 days) of the family or one member.',
  input: z.object({ member: member.optional(), days: z.number().int().min(1).max(31).optional() }),
  permission: 'shifts:read',
  readOnly: true,
  run: async (ctx, input) => {
    const who = input.member ? await findMemberByName(ctx.tx, ctx.actor, input.member) : undefined
    const now = ctx.clock.now()
    const to = new Date(now.getTime() + (input.days ?? 7) * 86_400_000)
    const list = await plannedShifts(ctx.tx, ctx.actor, { from: new Date(now.getTime() - 12 * 3_600_000), to }, who?.id)
    return list.filter((p) => p.end > now).map((p) => ({ worker: p.worker, start: p.start, end: p.end, date: p.date }))
  },
})

export const cancelShiftTool = defineTool({
  name: 'cancel_shift',
  description: 'Cancel one day of a member’s shift ("Maria is off Friday").',
  input: z.object({ member, date: localDate }),
  permission: 'shifts:write',
  readOnly: false,
  run: async (ctx, input) => {
    const worker = await findMemberByName(ctx.tx, ctx.actor, input.member)
    const p = await cancelShiftDay(ctx.tx, ctx.actor, ctx.clock.now(), worker.id, input.date)
    await tell(ctx, worker.id, `shiftoff:${p.shift.id}:${p.date}`, `🗓️ Your shift ${when(ctx, p)} is cancelled.`)
    return { worker: worker.name, start: p.start, end: p.end }
  },
})

export const coverShiftTool = defineTool({
  name: 'cover_shift',
  description: 'A swap: `cover` works `member`’s shift on `date` instead.',
  input: z.object({ member, cover: member, date: localDate }),
  permission: 'shifts:write',
  readOnly: false,
  run: async (ctx, input) => {
    const worker = await findMemberByName(ctx.tx, ctx.actor, input.member)
    const cover = await findMemberByName(ctx.tx, ctx.actor, input.cover)
    const r = await coverShiftDay(ctx.tx, ctx.actor, ctx.clock.now(), {
      memberId: worker.id,
      coverId: cover.id,
      date: input.date,
    })
    const day = when(ctx, r.planned)
    await tell(ctx, cover.id, `shiftcover:${r.cover.id}`, `🗓️ You’re covering ${worker.name}’s shift ${day}.`)
    await tell(ctx, worker.id, `shiftcovered:${r.cover.id}`, `🗓️ ${cover.name} is covering your shift ${day}.`)
    return { worker: worker.name, cover: cover.name, start: r.planned.start, end: r.planned.end }
  },
})

export const stopShiftsTool = defineTool({
  name: 'stop_shifts',
  description: 'Stop all of a member’s shifts (every future occurrence and their reminders).',
  input: z.object({ member }),
  permission: 'shifts:write',
  readOnly: false,
  run: async (ctx, input) => {
    const worker = await findMemberByName(ctx.tx, ctx.actor, input.member)
    const list = await activeShifts(ctx.tx, ctx.actor, worker.id)
    for (const s of list) await stopShift(ctx.tx, ctx.actor, ctx.clock.now(), s.id)
    return { worker: worker.name, stopped: list.length }
  },
})

/** A clock time someone gave ("leaving at 5:30"): not more than 2 hours from now either way. */
function punchTime(ctx: ToolContext, at: string | undefined): Date {
  const now = ctx.clock.now()
  if (!at) return now
  const t = new Date(at)
  if (Math.abs(t.getTime() - now.getTime()) > 2 * 3_600_000) {
    throw new DomainError('invalid_input', 'punch time far from now', 'Give a time within two hours of now.')
  }
  return t
}

export const clockInTool = defineTool({
  name: 'clock_in',
  description: 'The sender starts work now (or at `at`); returns what happened since their last shift.',
  input: z.object({ at: instant.optional() }),
  permission: 'shifts:clock',
  readOnly: false,
  run: async (ctx, input) => {
    const now = ctx.clock.now()
    const r = await clockIn(ctx.tx, ctx.actor, now, punchTime(ctx, input.at))
    return {
      inAt: r.punch.inAt,
      shift: r.planned ? { start: r.planned.start, end: r.planned.end } : undefined,
      catchUp: await sinceLastShift(ctx.tx, ctx.actor, now, r.previous),
    }
  },
})

export const clockOutTool = defineTool({
  name: 'clock_out',
  description:
    'The sender stops work now (or at `at`), with an optional note for the parents, who get the shift’s summary.',
  input: z.object({ at: instant.optional(), note: z.string().trim().max(1000).optional() }),
  permission: 'shifts:clock',
  readOnly: false,
  run: async (ctx, input) => {
    const now = ctx.clock.now()
    const punch = await clockOut(ctx.tx, ctx.actor, now, { at: punchTime(ctx, input.at), note: input.note })
    const outAt = punch.outAt ?? now
    const me = (await memberName(ctx.tx, ctx.actor.memberId)) ?? 'Your caregiver'
    const messages = await clockOutHandoff(ctx.tx, ctx.actor, me, { ...punch, outAt })
    await enqueueOutboxMany(ctx.tx, now, messages)
    return {
      inAt: punch.inAt,
      outAt,
      minutes: Math.round((outAt.getTime() - punch.inAt.getTime()) / 60_000),
      told: messages.length,
    }
  },
})

export const hoursTool = defineTool({
  name: 'shift_hours',
  description:
    'Hours worked this week or last (Monday–Sunday), with overtime past 40 h shown apart. Parents see everyone’s; others their own.',
  input: z.object({
    member: member.optional(),
    week: z.enum(['this', 'last']).optional(),
    weekOf: localDate.optional().describe('Any date in the week wanted (instead of this/last)'),
  }),
  permission: 'shifts:read',
  readOnly: true,
  run: async (ctx, input) => {
    const parent = can(ctx.actor.role, 'shifts:write')
    const who = input.member ? await findMemberByName(ctx.tx, ctx.actor, input.member) : undefined
    if (who && who.id !== ctx.actor.memberId && !parent) {
      throw new DomainError('forbidden', 'hours of another member', 'Only a parent can see someone else’s hours.')
    }
    const memberId = who?.id ?? (parent ? undefined : ctx.actor.memberId)
    const anchor = input.weekOf
      ? DateTime.fromISO(input.weekOf, { zone: ctx.actor.timezone }).toJSDate()
      : ctx.clock.now()
    const week = workWeek(anchor, ctx.actor.timezone, input.week === 'last' ? 1 : 0)
    return { week, workers: await workedTime(ctx.tx, ctx.actor, ctx.clock.now(), week, memberId) }
  },
})

export const nannyTools = [
  setShiftTool,
  listShiftsTool,
  cancelShiftTool,
  coverShiftTool,
  stopShiftsTool,
  clockInTool,
  clockOutTool,
  hoursTool,
]
