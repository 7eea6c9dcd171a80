/**
 * When a schedule fires: an RRULE (RFC 5545) evaluated on the family's *wall clock*, then placed on the
 * time line in the family's zone. rrule-temporal expands the rule (the maintained successor of rrule.js,
 * on the Temporal API); luxon places each local time, so the DST rules are one library's, not ours:
 *
 * - A daily 8:00 stays at 8:00 local on both change days (the rule never sees offsets).
 * - A local time that does not exist (2:30 on spring-forward day) fires once, at the same distance past
 *   the gap (3:30 daylight time), as RFC 5545 §3.3.10 asks ("the time is interpreted using the UTC offset
 *   before the gap"), where rrule-temporal with a TZID would skip the day.
 * - A local time that happens twice (1:30 on fall-back day) fires once, at the first of the two.
 *
 * See docs/decisions/0018-scheduler.md.
 */
import { DateTime } from 'luxon'
import { RRuleTemporal } from 'rrule-temporal'

export interface Recurrence {
  /** The first occurrence as local wall-clock time, `YYYY-MM-DDTHH:mm`. */
  dtstart: string
  /** An RRULE body without `RRULE:` (`FREQ=DAILY`, `FREQ=WEEKLY;BYDAY=MO,WE`), or absent for a one-off. */
  rrule?: string | null
  /** IANA zone the wall clock is read in. */
  timezone: string
}

/** The largest DST shift in the tz database is 2 h (Troll station); searching from 3 h before is safe. */
const SLACK_MS = 3 * 60 * 60 * 1000
const MAX_STEPS = 64

const placed = new Map<string, number>()

/** The instant a local wall-clock time happens in `zone`: the first of two in a fold, shifted past a gap. */
export function placeLocal(
  wall: { year: number; month: number; day: number; hour: number; minute: number },
  zone: string,
): Date {
  // Fields one by one: Temporal objects keep them as prototype getters, which a spread would drop.
  const { year, month, day, hour, minute } = wall
  // Many schedules share a minute (8:00, 20:00): the placement is remembered, luxon asked once.
  const key = `${zone}|${year}-${month}-${day}T${hour}:${minute}`
  const known = placed.get(key)
  if (known !== undefined) return new Date(known)
  const dt = DateTime.fromObject({ year, month, day, hour, minute, second: 0, millisecond: 0 }, { zone })
  const both = dt.getPossibleOffsets()
  const first = both.length > 1 ? both.reduce((a, b) => (a.toMillis() <= b.toMillis() ? a : b)) : dt
  if (placed.size >= 10_000) placed.clear()
  placed.set(key, first.toMillis())
  return first.toJSDate()
}

/** Checks an RRULE body and a dtstart before they are stored; returns a reason, or undefined when fine. */
export function recurrenceProblem(r: Recurrence): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(r.dtstart) || !DateTime.fromISO(r.dtstart).isValid) {
    return 'dtstart must be a local time YYYY-MM-DDTHH:mm'
  }
  if (!DateTime.local().setZone(r.timezone).isValid) return `unknown time zone ${r.timezone}`
  if (!r.rrule) return undefined
  if (/(^|;)(DTSTART|TZID)/i.test(r.rrule)) return 'the rule must not carry its own DTSTART or TZID'
  try {
    rule(r).all((_, i) => i < 1)
    return undefined
  } catch (err) {
    return `not a valid RRULE: ${(err as Error).message}`
  }
}

/** The first occurrence at or after `from`, or undefined when the schedule has ended. */
export function nextOccurrence(r: Recurrence, from: Date): Date | undefined {
  return occurrencesBetween(r, from, undefined, 1)[0]
}

/**
 * What a scheduler needs in one walk of the rule: the occurrences in [from, now] (at most `limit`, oldest
 * first) and the first one after `now`, if any.
 */
export function dueAndNext(r: Recurrence, from: Date, now: Date, limit: number): { due: Date[]; next?: Date } {
  const found = occurrencesBetween(r, from, undefined, limit + 1, now)
  const due = found.filter((d) => d <= now)
  const next =
    found.find((d) => d > now) ?? (due.length >= limit ? nextOccurrence(r, new Date(now.getTime() + 1)) : undefined)
  return { due: due.slice(0, limit), next }
}

/**
 * Occurrences in [from, to] (to open-ended when undefined), oldest first, at most `limit`. The search
 * walks the wall-clock rule from a little before `from`, so a shifted occurrence near a gap is not missed.
 */
export function occurrencesBetween(
  r: Recurrence,
  from: Date,
  to: Date | undefined,
  limit: number,
  /** Stop at the first occurrence after this moment (it is included). */
  stopAfter?: Date,
): Date[] {
  const out: Date[] = []
  if (!r.rrule) {
    const at = placeLocal(DateTime.fromISO(r.dtstart, { zone: 'UTC' }), r.timezone)
    return at >= from && (!to || at <= to) ? [at] : []
  }
  const expander = rule(r)
  let cursor = floating(new Date(from.getTime() - SLACK_MS), r.timezone)
  let inclusive = true
  for (let steps = 0; out.length < limit && steps < MAX_STEPS + limit; steps++) {
    const next = expander.next(cursor, inclusive)
    if (!next) break
    const at = placeLocal(next, r.timezone)
    if (to && at > to) break
    if (at >= from && !out.some((d) => d.getTime() === at.getTime())) out.push(at)
    if (stopAfter && at > stopAfter) break
    cursor = new Date(next.epochMilliseconds)
    inclusive = false
  }
  return out
}

const cache = new Map<string, RRuleTemporal>()

/** The rule expanded on a floating (zone-less) wall clock; parsed once per rule and start. */
function rule(r: Recurrence): RRuleTemporal {
  const key = `${r.dtstart}|${r.rrule}`
  let found = cache.get(key)
  if (!found) {
    const start = r.dtstart.replaceAll('-', '').replace(':', '')
    found = new RRuleTemporal({ rruleString: `DTSTART:${start}00\nRRULE:${r.rrule}` })
    if (cache.size >= 1000) cache.clear()
    cache.set(key, found)
  }
  return found
}

/** The wall-clock reading of `at` in `zone`, as the UTC instant the floating rule works in. */
function floating(at: Date, zone = 'UTC'): Date {
  const local = DateTime.fromJSDate(at, { zone })
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute))
}
