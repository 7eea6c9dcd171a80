import type { ParsedComponents, ParsedResult } from 'chrono-node'
import * as chrono from 'chrono-node'
import { addDays, instantsOf, offsetMinutesAt, type WallTime, wallTimeAt } from './zone.js'

/** A point in time, or a range ("nap 1:15-2:40"); never later than now. */
export type When = { at: Date; end?: Date }

export interface WhenOptions {
  /** Accept "1:15-2:40" (a sleep) and return its end. */
  range?: boolean
  /** Only clock hours this allows: "evening pills at 8" is 20:00, never 8:00. */
  hours?: (hour: number) => boolean
  /**
   * Read a bare "today" as now ("weighed 6.2 kg today"). Off by default: "she's had 12 oz today" and
   * "3 wet diapers today" are totals, not one event that just happened.
   */
  today?: boolean
}

export interface Clock {
  now: Date
  timezone: string
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** A time this close ahead of now might be the sender's clock or a plan: too unsure to pick the past one. */
const SKEW = 15 * MINUTE
/** Logs are about the recent past; an older date is more likely a misread than a real back-fill. */
const OLDEST = 7 * 24 * HOUR
/** Longer than this is not one sleep: the range was probably misread. */
const LONGEST_RANGE = 16 * HOUR

/** Words around a time that carry no meaning of their own ("at", "around 3ish", "just now"). */
const FILLER =
  /\b(?:at|around|about|approx|approximately|roughly|on|by|for|to|was|is|just|now|right|a|an|the|of|some|and|then|so|also)\b|[~,.;:!\-–—+&/()]/g

/** What is left of a text once `cut` is removed and filler is dropped; '' when nothing meaningful is. */
export function leftover(text: string): string {
  return text.replace(FILLER, ' ').replace(/\s+/g, ' ').trim()
}

/**
 * Reads the time in what a grammar left over ("at 3", "20 min ago", "1:15-2:40"). Undefined when
 * anything else is left, when chrono finds two times, or when the time is unsure: a DST fold, a time
 * just ahead of now, a part of the day without a clock time ("this morning"). No time at all → now.
 */
export function readWhen(text: string, clock: Clock, options: WhenOptions = {}): When | undefined {
  // chrono reads "at 3" but not "around 3" or "3ish".
  const cleaned = spellClock(text)
    .replace(/(\d)\s*-?ish\b/g, '$1')
    .replace(/\b(?:around|about|approx(?:imately)?|roughly|~)\s*(?=\d)/g, 'at ')
  const results = parseTimes(cleaned, clock)
  const [result] = results
  if (results.length > 1) return undefined
  if (!result) return leftover(cleaned) === '' ? { at: clock.now } : undefined
  const rest = `${cleaned.slice(0, result.index)} ${cleaned.slice(result.index + result.text.length)}`
  if (leftover(rest) !== '') return undefined
  if (result.end) return options.range ? resolveRange(result, clock) : undefined
  const at = resolvePoint(result, clock, options)
  return at ? { at } : undefined
}

/**
 * Splits free text from a time at its end: "banana at 12" → head "banana", time "at 12". Undefined
 * when chrono finds two times or words follow the time.
 */
export function splitWhen(raw: string, clock: Clock): { head: string; timeText: string } | undefined {
  const text = spellClock(raw)
  const results = parseTimes(text, clock)
  const [result] = results
  if (results.length > 1) return undefined
  if (!result) return { head: text.trim(), timeText: '' }
  if (leftover(text.slice(result.index + result.text.length)) !== '') return undefined
  const head = text
    .slice(0, result.index)
    .replace(/(?:\s+(?:at|around|about|from|on))+\s*$/, '')
    .trim()
  return { head, timeText: text.slice(result.index) }
}

const HOUR_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
}
const TENS: Record<string, number> = { oh: 0, twenty: 20, thirty: 30, forty: 40, fifty: 50 }
const UNITS: Record<string, number> = { five: 5, ten: 10, fifteen: 15 }
const HOUR_WORD = Object.keys(HOUR_WORDS).join('|')
/** "three thirty", "at two", "around ten fifteen pm", "one o'clock": an hour word after a time word, or with minutes. */
const SPELLED = new RegExp(
  String.raw`\b(?:(at|around|about|by|since|from|to|till|until|~)\s+)?(${HOUR_WORD})(?:[\s-]+(o'?clock|(?:(oh|twenty|thirty|forty|fifty)(?:[\s-]+(five))?)|ten|fifteen))?(?=\s*(?:am|pm)?(?:\s|$|[,.;!?)]))`,
  'g',
)
/** A 24-hour "1530" or "0945", or "at 930": digits that can only be a clock time once amounts are cut out. */
const MILITARY = /(?<![\d:.,/])([01]\d|2[0-3])([0-5]\d)(?![\d:.,/])/g
/** "half past two", "quarter to 3". */
const PAST = new RegExp(String.raw`\b(half|quarter) (past|after|to|til|till) (\d{1,2}|${HOUR_WORD})\b`, 'g')
/** "at 2 30": hour and minutes with a space. */
const SPACED = /\b(at|around|about|by|~)\s+(\d{1,2}) ([0-5]\d)(?=\s*(?:am|pm)?(?:\s|$|[,.;!?]))/g
const BARE_HHMM = /\b(at|around|about|by|since|from|to|till|until|~)\s*([1-9])([0-5]\d)(?![\d:.,/])/g

/**
 * Spells clock times the way chrono reads them: "at three thirty" → "at 3:30", "1530" → "15:30",
 * "at 930" / "at 9 30" → "at 9:30", "half past two" → "2:30", "3p" → "3pm", "1/2 hr ago", "this am".
 * Chrono still reads the result; this only rewrites times the way people type them.
 */
function spellClock(text: string): string {
  return text
    .replace(PAST, (whole, part: string, direction: string, hour: string) => {
      const h = HOUR_WORDS[hour] ?? Number(hour)
      if (h < 1 || h > 12) return whole
      if (!/^(?:past|after)$/.test(direction)) return part === 'quarter' ? `${h === 1 ? 12 : h - 1}:45` : whole
      return `${h}:${part === 'half' ? 30 : 15}`
    })
    .replace(SPELLED, (whole, lead: string | undefined, hour: string, minutes: string | undefined, ...rest) => {
      const [tens, unit] = rest as [string | undefined, string | undefined]
      if (!lead && minutes === undefined) return whole
      const h = HOUR_WORDS[hour] ?? 0
      let m = 0
      if (tens !== undefined) m = (TENS[tens] ?? 0) + (unit === undefined ? 0 : 5)
      else if (minutes !== undefined && !/clock$/.test(minutes)) m = UNITS[minutes] ?? 0
      if (tens === 'oh' && unit === undefined) return whole
      const time = `${h}:${String(m).padStart(2, '0')}`
      return lead ? `${lead} ${time}` : time
    })
    .replace(MILITARY, '$1:$2')
    .replace(BARE_HHMM, '$1 $2:$3')
    .replace(SPACED, '$1 $2:$3')
    .replace(/(\d)([ap])\b/g, '$1$2m')
    .replace(/(\d) p\b/g, '$1 pm')
    .replace(/\b1\/2 (?:an? )?(?:hr|hour)\b/g, 'half an hour')
    .replace(/\bthis am\b/g, 'this morning')
    .replace(/\bthis pm\b/g, 'this afternoon')
}

function parseTimes(text: string, clock: Clock): ParsedResult[] {
  return chrono.casual.parse(text, { instant: clock.now, timezone: offsetMinutesAt(clock.now, clock.timezone) })
}

function resolvePoint(result: ParsedResult, clock: Clock, options: WhenOptions): Date | undefined {
  const tags = result.tags()
  if (tags.has('result/relativeDateAndTime')) {
    const age = relativeAge(result.text)
    return age !== undefined && age >= 0 && age <= OLDEST ? new Date(clock.now.getTime() - age) : undefined
  }
  if (tags.has('casualReference/now')) return clock.now
  if (!result.start.isCertain('hour')) {
    // A date alone: "today" may be now (options.today); "yesterday" or "this morning" has no time.
    const today = tags.has('casualReference/today') && !tags.has('parser/ENTimeExpressionParser')
    return today && options.today ? clock.now : undefined
  }
  return latestPast(candidates(result, result.start, clock, options.hours), clock.now, clock)
}

function resolveRange(result: ParsedResult, clock: Clock): When | undefined {
  if (!result.end) return undefined
  const end = latestPast(candidates(result, result.end, clock), clock.now, clock)
  if (!end) return undefined
  // The start is the latest matching time before the end: "10:30-5:45" at 7 am began last night.
  const endDay = wallTimeAt(end, clock.timezone)
  const starts = clockTimes(result, result.start).flatMap((t) =>
    [endDay, addDays(endDay, -1)].flatMap((day) => atWall({ ...day, ...t }, clock.timezone)),
  )
  const start = latestPast(starts, end, clock)
  if (!start || end.getTime() - start.getTime() > LONGEST_RANGE || start >= end) return undefined
  return { at: start, end }
}

/**
 * "20 min ago" as milliseconds. chrono adds a relative duration in the server's own time zone, so a
 * server whose zone changes clocks inside the span is an hour off; measured against a mid-January noon
 * (no zone changes clocks then), the duration is exact wherever the server runs.
 */
const PROBE = new Date(Date.UTC(2001, 0, 15, 12))

function relativeAge(text: string): number | undefined {
  const [again] = chrono.casual.parse(text, { instant: PROBE, timezone: 0 })
  return again ? PROBE.getTime() - again.start.date().getTime() : undefined
}

interface Candidate {
  at: Date
  /**
   * The wall time happened twice (an autumn DST fold) or never (a spring gap, placed at the old
   * offset so it sorts): which instant is meant cannot be known.
   */
  unsure: boolean
}

function atWall(wall: WallTime, timezone: string): Candidate[] {
  const instants = instantsOf(wall, timezone)
  if (instants.length === 0) {
    const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute)
    const before = offsetMinutesAt(new Date(naive - 12 * HOUR), timezone)
    return [{ at: new Date(naive - before * MINUTE), unsure: true }]
  }
  return instants.map((at) => ({ at, unsure: instants.length > 1 }))
}

/** The latest candidate not after `limit` (now, or a range's end); undefined when the pick is unsure. */
function latestPast(all: Candidate[], limit: Date, clock: Clock): Date | undefined {
  const ahead = (c: Candidate) => c.at > limit && c.at.getTime() - limit.getTime() <= SKEW
  if (limit === clock.now && all.some(ahead)) return undefined
  const past = all.filter((c) => c.at <= limit).sort((a, b) => b.at.getTime() - a.at.getTime())
  const best = past[0]
  if (!best || best.unsure || clock.now.getTime() - best.at.getTime() > OLDEST) return undefined
  return best.at
}

/** Every instant the components could mean: on their date if one was said, else today or yesterday. */
function candidates(
  result: ParsedResult,
  c: ParsedComponents,
  clock: Clock,
  hours: (hour: number) => boolean = () => true,
): Candidate[] {
  const today = wallTimeAt(clock.now, clock.timezone)
  const yesterday = addDays(today, -1)
  const said: WallTime = { ...today, year: c.get('year') ?? 0, month: c.get('month') ?? 0, day: c.get('day') ?? 0 }
  const lastNight = /\blast night\b/.test(result.text)
  const thisPart = /\b(?:this (?:morning|afternoon|evening)|tonight)\b/.test(result.text)
  const dated = c.isCertain('day') || c.isCertain('weekday')
  const daysFor = (hour: number): WallTime[] => {
    if (lastNight) return [hour >= 18 ? yesterday : today]
    if (thisPart) return [today]
    return dated ? [said] : [today, yesterday]
  }
  return clockTimes(result, c)
    .filter((t) => hours(t.hour))
    .flatMap((t) => daysFor(t.hour).flatMap((day) => atWall({ ...day, ...t }, clock.timezone)))
}

/**
 * The clock times a component can mean. "3" without am/pm is 3:00 or 15:00; "this morning at 7" is
 * 7:00, "last night at 11" is 23:00 and "last night at 2" is 2:00. "15:00", "noon" and "midnight" are exact.
 */
function clockTimes(result: ParsedResult, c: ParsedComponents): { hour: number; minute: number }[] {
  const hour = c.get('hour')
  const minute = c.get('minute') ?? 0
  if (hour === null) return []
  const tags = result.tags()
  const exact =
    c.isCertain('meridiem') ||
    hour === 0 ||
    hour > 12 ||
    tags.has('casualReference/noon') ||
    tags.has('casualReference/midnight')
  if (exact) return [{ hour, minute }]
  const am = { hour: hour % 12, minute }
  const pm = { hour: (hour % 12) + 12, minute }
  if (tags.has('casualReference/morning')) return [am]
  if (/\blast night\b/.test(result.text)) return am.hour < 6 ? [am] : [pm]
  if (/\btonight\b/.test(result.text)) return [pm]
  if (/\b(?:afternoon|evening)\b/.test(result.text)) return [pm]
  return [am, pm]
}
