import { DateTime } from 'luxon'

/** IANA time zones known to this runtime (Intl), and a forgiving lookup for what people type. */
const ZONES: string[] = Intl.supportedValuesOf('timeZone')

export function isTimezone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name })
    return true
  } catch {
    return false
  }
}

/**
 * "Europe/London", "london", "New York", "los angeles" → an IANA zone. Matches a full zone name
 * or its city part, ignoring case, spaces and underscores. Returns undefined when unsure.
 */
export function findTimezone(input: string): string | undefined {
  const wanted = normalize(input)
  if (!wanted) return undefined
  const exact = ZONES.find((z) => normalize(z) === wanted)
  if (exact) return exact
  const byCity = ZONES.filter((z) => normalize(z.split('/').at(-1) ?? '') === wanted)
  return byCity.length === 1 ? byCity[0] : undefined
}

const normalize = (s: string) => s.toLowerCase().replace(/[\s_]+/g, '')

const timeFormats = new Map<string, Intl.DateTimeFormat>()

/** "Mon 3:05 PM" in the zone: for messages that show a time to a person. */
export function formatLocalTime(at: Date, timezone: string, locale = 'en-US'): string {
  // Building a formatter costs ~100× formatting with one; a scheduler batch formats thousands.
  const key = `${locale}|${timezone}`
  let format = timeFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: timezone,
      weekday: 'short',
      hour: 'numeric',
      minute: '2-digit',
    })
    if (timeFormats.size >= 500) timeFormats.clear()
    timeFormats.set(key, format)
  }
  return format.format(at)
}

/** The calendar date (YYYY-MM-DD) at `at` in the zone: what "today" means to the family. */
export function localDate(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).toISODate() ?? ''
}

/** The instant the family's day containing `at` began (local midnight; DST days are 23 or 25 hours). */
export function startOfLocalDay(at: Date, timezone: string): Date {
  return DateTime.fromJSDate(at, { zone: timezone }).startOf('day').toJSDate()
}
