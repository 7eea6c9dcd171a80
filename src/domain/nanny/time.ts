/**
 * Shift times on the family's wall clock (docs/decisions/0025). A shift is a local start, a length and
 * optionally weekly days; its reminders are the same rule moved by a fixed offset on the wall clock
 * (an hour before, 15 minutes after, 7 pm the evening before), so they keep to local time across DST
 * exactly as the shift does (src/lib/recurrence.ts places every occurrence).
 */
import { DateTime } from 'luxon'
import { occurrencesBetween, placeLocal, type Recurrence } from '../../lib/recurrence.js'

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const
export type Weekday = (typeof WEEKDAYS)[number]

export interface WeeklyOptions {
  /** 2: every other week, counted from the week (Monday to Sunday) of the first shift. */
  every?: 1 | 2
  /** The last local date a shift may start on, `YYYY-MM-DD` (inclusive). */
  until?: string
}

/**
 * `FREQ=WEEKLY;BYDAY=MO,TU` for these days (in week order), or null for a one-off. Every other week adds
 * `INTERVAL=2;WKST=MO`, an end date `UNTIL=<date>T235959` (floating, as the rule's start is: RFC 5545
 * §3.3.10 asks UNTIL to match DTSTART).
 */
export function weeklyRule(days: readonly Weekday[] | undefined, opts: WeeklyOptions = {}): string | null {
  if (!days?.length) return null
  const every = opts.every ?? 1
  return formatRule({
    BYDAY: WEEKDAYS.filter((d) => days.includes(d)).join(','),
    ...(every > 1 ? { INTERVAL: String(every), WKST: 'MO' } : {}),
    ...(opts.until ? { UNTIL: `${opts.until.replaceAll('-', '')}T235959` } : {}),
  })
}

type RuleParts = Partial<Record<'BYDAY' | 'INTERVAL' | 'WKST' | 'UNTIL', string>>

/** The parts of a stored weekly rule this module writes. */
function ruleParts(rrule: string): RuleParts {
  const parts: RuleParts = {}
  for (const kv of rrule.split(';')) {
    const [k, v] = kv.split('=')
    if (k === 'BYDAY' || k === 'INTERVAL' || k === 'WKST' || k === 'UNTIL') parts[k] = v ?? ''
  }
  return parts
}

/** Always in one order, so the same shift always reads the same rule. */
function formatRule(p: RuleParts): string {
  return [
    'FREQ=WEEKLY',
    ...(p.INTERVAL ? [`INTERVAL=${p.INTERVAL}`] : []),
    `BYDAY=${p.BYDAY ?? ''}`,
    ...(p.WKST ? [`WKST=${p.WKST}`] : []),
    ...(p.UNTIL ? [`UNTIL=${p.UNTIL}`] : []),
  ].join(';')
}

function daysOf(rrule: string): Weekday[] {
  return (ruleParts(rrule).BYDAY ?? '')
    .split(',')
    .filter((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d))
}

const turnDay = (d: Weekday, by: number) => WEEKDAYS[(((WEEKDAYS.indexOf(d) + by) % 7) + 7) % 7] as Weekday

/** The first date on or after `date` that falls on one of `days` (the date itself for a one-off). */
export function firstDate(date: string, days: readonly Weekday[] | undefined): string {
  let d = DateTime.fromISO(date, { zone: 'UTC' })
  if (!days?.length) return date
  for (let i = 0; i < 7; i++) {
    if (days.includes(WEEKDAYS[d.weekday - 1] as Weekday)) break
    d = d.plus({ days: 1 })
  }
  return d.toISODate() ?? date
}

/**
 * The same recurrence moved on the wall clock: `minutes` later (negative: earlier), or to `at` (HH:mm)
 * `dayDelta` days away. When the move crosses midnight the weekly days move with the date, and so does
 * the week's first day: the Sunday evening before an every-other-week Monday is in the same "week" as that
 * Monday, or INTERVAL=2 would pick the wrong Sundays. An end date moves by the same amount.
 */
export function movedRule(
  r: { dtstart: string; rrule: string | null },
  move: { minutes: number } | { dayDelta: number; at: string },
): { dtstart: string; rrule: string | null } {
  const start = DateTime.fromISO(r.dtstart, { zone: 'UTC' })
  const moveWall = (t: DateTime) =>
    'minutes' in move ? t.plus({ minutes: move.minutes }) : t.plus({ days: move.dayDelta })
  const moved =
    'minutes' in move
      ? moveWall(start)
      : moveWall(start).set({ hour: Number(move.at.slice(0, 2)), minute: Number(move.at.slice(3, 5)) })
  const dayShift = Math.round(moved.startOf('day').diff(start.startOf('day'), 'days').days)
  const dtstart = moved.toFormat("yyyy-MM-dd'T'HH:mm")
  if (!r.rrule) return { dtstart, rrule: r.rrule }
  const parts = ruleParts(r.rrule)
  if (dayShift !== 0) {
    parts.BYDAY = WEEKDAYS.filter((d) => daysOf(r.rrule ?? '').some((from) => turnDay(from, dayShift) === d)).join(',')
    if (parts.WKST) parts.WKST = turnDay(parts.WKST as Weekday, dayShift)
  }
  if (parts.UNTIL) {
    const until = DateTime.fromFormat(parts.UNTIL, "yyyyMMdd'T'HHmmss", { zone: 'UTC' })
    parts.UNTIL = moveWall(until).toFormat("yyyyMMdd'T'HHmmss")
  }
  return { dtstart, rrule: formatRule(parts) }
}

export interface Occurrence {
  start: Date
  end: Date
  /** The local date it starts on, `YYYY-MM-DD` (how skips name it). */
  date: string
}

/** A shift's occurrences starting in [from, to], oldest first. */
export function shiftOccurrences(s: Recurrence & { minutes: number }, from: Date, to: Date, limit = 100): Occurrence[] {
  return occurrencesBetween(s, from, to, limit).map((start) => ({
    start,
    end: wallClockEnd(start, s.minutes, s.timezone),
    date: DateTime.fromJSDate(start, { zone: s.timezone }).toISODate() ?? '',
  }))
}

/**
 * The end of a shift on the wall clock: 22:00 + 8 h is 06:00 local, even on the night the clocks
 * change (absolute time would say 05:00 or 07:00).
 */
export function wallClockEnd(start: Date, minutes: number, zone: string): Date {
  const wall = DateTime.fromJSDate(start, { zone })
  const end = DateTime.fromObject(
    { year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute },
    { zone: 'UTC' },
  ).plus({ minutes })
  return placeLocal({ year: end.year, month: end.month, day: end.day, hour: end.hour, minute: end.minute }, zone)
}

/** "8:00 AM–5:00 PM". */
export function spanText(o: { start: Date; end: Date }, zone: string): string {
  const t = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('h:mm a')
  return `${t(o.start)}–${t(o.end)}`
}

/** "Tue 10 Mar". */
export function dayText(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL')
}

/**
 * The work week containing `at`: Monday 00:00 to the next Monday 00:00 on the family's wall clock
 * (the FLSA lets an employer fix any 168-hour week; Monday–Sunday is what families and payroll apps use).
 */
export function workWeek(at: Date, zone: string, weeksBack = 0): { from: Date; to: Date } {
  const monday = DateTime.fromJSDate(at, { zone }).startOf('week').minus({ weeks: weeksBack })
  return { from: monday.toJSDate(), to: monday.plus({ weeks: 1 }).toJSDate() }
}

const DAY_NAMES: Record<Weekday, string> = {
  MO: 'Mon',
  TU: 'Tue',
  WE: 'Wed',
  TH: 'Thu',
  FR: 'Fri',
  SA: 'Sat',
  SU: 'Sun',
}

/** "Mon–Fri", "Mon, Wed", "every day", from a weekly rule's days. */
export function daysText(days: readonly Weekday[]): string {
  const idx = WEEKDAYS.map((d, i) => (days.includes(d) ? i : -1)).filter((i) => i >= 0)
  if (idx.length === 7) return 'every day'
  const contiguous = idx.length >= 3 && idx.every((v, i) => i === 0 || v === (idx[i - 1] ?? -2) + 1)
  const names = idx.map((i) => DAY_NAMES[WEEKDAYS[i] as Weekday])
  return contiguous ? `${names[0]}–${names.at(-1)}` : names.join(', ')
}

/** A stored weekly rule's days in words: "Mon–Fri", "Sat, every other week". */
export function ruleText(rrule: string): string {
  return `${daysText(daysOf(rrule))}${Number(ruleParts(rrule).INTERVAL ?? 1) === 2 ? ', every other week' : ''}`
}
