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

/** `FREQ=WEEKLY;BYDAY=MO,TU` for these days (in week order), or null for a one-off. */
export function weeklyRule(days: readonly Weekday[] | undefined): string | null {
  if (!days?.length) return null
  const sorted = WEEKDAYS.filter((d) => days.includes(d))
  return `FREQ=WEEKLY;BYDAY=${sorted.join(',')}`
}

function daysOf(rrule: string): Weekday[] {
  const by = /BYDAY=([A-Z,]+)/.exec(rrule)?.[1] ?? ''
  return by.split(',').filter((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d))
}

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
 * `dayDelta` days away. Weekly days move with the date when the move crosses midnight.
 */
export function movedRule(
  r: { dtstart: string; rrule: string | null },
  move: { minutes: number } | { dayDelta: number; at: string },
): { dtstart: string; rrule: string | null } {
  const start = DateTime.fromISO(r.dtstart, { zone: 'UTC' })
  const moved =
    'minutes' in move
      ? start.plus({ minutes: move.minutes })
      : start.plus({ days: move.dayDelta }).set({
          hour: Number(move.at.slice(0, 2)),
          minute: Number(move.at.slice(3, 5)),
        })
  const dayShift = Math.round(moved.startOf('day').diff(start.startOf('day'), 'days').days)
  const dtstart = moved.toFormat("yyyy-MM-dd'T'HH:mm")
  if (!r.rrule || dayShift === 0) return { dtstart, rrule: r.rrule }
  const days = daysOf(r.rrule).map((d) => WEEKDAYS[(((WEEKDAYS.indexOf(d) + dayShift) % 7) + 7) % 7] as Weekday)
  return { dtstart, rrule: weeklyRule(days) }
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

/** The days of a stored weekly rule, for wording. */
export function ruleDays(rrule: string | null): Weekday[] {
  return rrule ? daysOf(rrule) : []
}
