/**
 * Wall-clock time in an IANA zone, with Intl only. chrono-node takes a fixed UTC offset, not a zone, so
 * the parser reads the wall-clock fields from chrono and turns them into an instant here, with the
 * offset that holds at that wall time: on a DST-change day "at 1" and "at 3" can have different offsets.
 */

/** A local date and time as people read it off a clock; month is 1-12. */
export interface WallTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timezone, f)
  }
  return f
}

/** The wall clock in `timezone` at `at` (seconds dropped). Throws RangeError for an unknown zone. */
export function wallTimeAt(at: Date, timezone: string): WallTime {
  const parts: Record<string, number> = {}
  for (const p of formatter(timezone).formatToParts(at)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
  }
}

const asUtc = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute)

/** Minutes the zone is ahead of UTC at `at` (London in summer: 60; Los Angeles in winter: -480). */
export function offsetMinutesAt(at: Date, timezone: string): number {
  const whole = Math.floor(at.getTime() / MINUTE) * MINUTE
  return (asUtc(wallTimeAt(new Date(whole), timezone)) - whole) / MINUTE
}

/**
 * Every instant that shows `wall` in `timezone`: none in a spring-forward gap, two in an autumn
 * fold, one otherwise. The offset on either side of the day covers both sides of a transition.
 */
export function instantsOf(wall: WallTime, timezone: string): Date[] {
  const guess = asUtc(wall)
  const offsets = new Set([
    offsetMinutesAt(new Date(guess - 12 * HOUR), timezone),
    offsetMinutesAt(new Date(guess + 12 * HOUR), timezone),
  ])
  const found: number[] = []
  for (const offset of offsets) {
    const instant = guess - offset * MINUTE
    if (offsetMinutesAt(new Date(instant), timezone) === offset) found.push(instant)
  }
  return found.sort((a, b) => a - b).map((ms) => new Date(ms))
}

/** The same wall date `days` later (negative: earlier), by calendar arithmetic on the date alone. */
export function addDays(wall: WallTime, days: number): WallTime {
  const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days))
  return { ...wall, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

/** Whether this runtime knows the IANA zone; an unknown one makes the parser step aside. */
export function isTimezone(name: string): boolean {
  try {
    formatter(name)
    return true
  } catch {
    return false
  }
}
