/**
 * Shift commands in plain words, deterministic (docs/decisions/0025): "Maria works Mon–Fri 8–5",
 * "Maria works tomorrow 9-1", "cancel Maria's shift Friday", "Jo covers Maria's shift tomorrow", "stop
 * Maria's shifts", "shifts", "here", "clocking out — she napped well", "leaving at 5:30", "hours this
 * week", "Maria's hours last week". chrono-node reads a single date; the days and hours are read here
 * because "8–5" is a shift, which chrono reads as a date range of the 8th to the 5th. A message that
 * only looks like one of these returns undefined, for the next stage.
 */
import * as chrono from 'chrono-node'
import { DateTime } from 'luxon'
import type { Weekday } from '../../domain/nanny/time.js'

export type NannyCommand =
  | {
      kind: 'set'
      member: string
      start: string
      end: string
      days?: Weekday[]
      date?: string
      /** 2: every other week. */
      every?: 1 | 2
      /** The last date, `YYYY-MM-DD` (weekly only). */
      until?: string
    }
  | { kind: 'cancel'; member: string; date: string }
  | { kind: 'cover'; member: string; cover: string; date: string }
  | { kind: 'stop'; member: string }
  | { kind: 'list'; member?: string; mine: boolean }
  | { kind: 'clock_in'; sure: boolean }
  | { kind: 'clock_out'; at?: Date; note?: string; sure: boolean }
  | { kind: 'hours'; member?: string; week: 'this' | 'last' }
  | { kind: 'unclear'; what: 'set' | 'when' }

export interface NannyContext {
  now: Date
  timezone: string
}

const NAME = "([A-Za-z][A-Za-z'-]{0,40})"
const POSS = `${NAME}(?:'s|’s|s')`
const TIME = '(\\d{1,2}(?::\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)?)'
const RANGE = `${TIME}\\s*(?:-|–|—|to|until|till)\\s*${TIME}`

/**
 * Clocking in and out. The explicit words ("clocking in", "signing off") always are; the everyday ones
 * ("here", "leaving now") only when they can be: `sure: false` asks the stage to check that the sender
 * has a shift starting (for "here") or is clocked in (for "leaving"). And "leaving" takes no note, so
 * "leaving now - taking Maya to the park" is never read as the end of a shift.
 */
const CLOCK_IN_SURE = /^(?:clock(?:ing|ed)? in|starting (?:my )?shift|on shift now)(?:\s+now)?[.!]*$/i
const CLOCK_IN_LOOSE = /^(?:(?:i'?m|i’m|im|i am)\s+here|here|arrived|i'?ve arrived|i’ve arrived)(?:\s+now)?[.!]*$/i
const CLOCK_OUT_SURE = new RegExp(
  `^(?:clock(?:ing|ed)?\\s+out|done\\s+for\\s+(?:the\\s+)?day|signing\\s+off|ending\\s+(?:my\\s+)?shift)` +
    `(?:\\s+now)?(?:\\s+(?:at|@)\\s+${TIME})?(?:\\s*(?:[-—–:.,;]|\\bnote:?)\\s*(.*))?$`,
  'is',
)
const CLOCK_OUT_LOOSE = new RegExp(
  `^(?:leaving|heading\\s+out|heading\\s+home)(?:\\s+now)?(?:\\s+(?:at|@)\\s+${TIME})?[.!]*$`,
  'i',
)
const HOURS = new RegExp(
  `^(?:(?:how many\\s+)?hours(?:\\s+(?:has|did)\\s+${NAME}\\s+work(?:ed)?|\\s+did\\s+i\\s+work)?|(my|${POSS})\\s+hours)` +
    `(?:\\s+(?:worked\\s+)?(this|last)\\s+week)?\\??$`,
  'i',
)
const LIST = new RegExp(
  `^(?:(?:show\\s+)?(my|${POSS})\\s+shifts|(?:the\\s+)?shifts(?:\\s+this\\s+week)?|who(?:'s|’s| is)\\s+working(?:\\s+(?:today|tomorrow|this\\s+week))?)\\??$`,
  'i',
)
const SET = new RegExp(
  `^${NAME}\\s+(?:works|will\\s+work|is\\s+working)\\s+(.+?)\\s*,?\\s+(?:from\\s+)?${RANGE}(?:\\s*,?\\s+(.+?))?[.!]*$`,
  'i',
)
const SET_NO_TIME = new RegExp(
  `^${NAME}\\s+(?:works|will\\s+work)\\s+(?:mon|tue|wed|thu|fri|sat|sun|week|every|daily|tomorrow|today)`,
  'i',
)
const CANCEL = [
  new RegExp(`^cancel\\s+${POSS}\\s+(?:shift\\s+(?:on\\s+)?(.+)|(.+?)\\s+shift)$`, 'i'),
  new RegExp(`^${NAME}\\s+(?:is|’s|'s)\\s+off\\s+(?:on\\s+)?(.+)$`, 'i'),
  new RegExp(`^${NAME}\\s+has\\s+(.+?)\\s+off$`, 'i'),
]
const COVER = [
  new RegExp(
    `^${NAME}\\s+(?:covers|is\\s+covering|will\\s+cover|takes|is\\s+taking)\\s+${POSS}\\s+(?:shift\\s+(?:on\\s+)?(.+)|(.+?)\\s+shift)$`,
    'i',
  ),
  new RegExp(`^${NAME}\\s+(?:covers|is\\s+covering|will\\s+cover)\\s+for\\s+${NAME}\\s+(?:on\\s+)?(.+)$`, 'i'),
]
const STOP = new RegExp(
  `^(?:stop|end|cancel\\s+all(?:\\s+of)?)\\s+${POSS}\\s+shifts$|^${NAME}\\s+no\\s+longer\\s+works(?:\\s+here|\\s+for\\s+us)?$`,
  'i',
)

/** Words that start a sentence like a name but are not one ("my shifts", "here works …"). */
const NOT_NAMES = new Set(['i', 'me', 'my', 'she', 'he', 'it', 'who', 'this', 'that', 'baby', 'everyone', 'nobody'])

export function parseNanny(raw: string, ctx: NannyContext): NannyCommand | undefined {
  const text = raw.trim().replace(/\s+/g, ' ')
  if (CLOCK_IN_SURE.test(text)) return { kind: 'clock_in', sure: true }
  if (CLOCK_IN_LOOSE.test(text)) return { kind: 'clock_in', sure: false }
  const out = CLOCK_OUT_SURE.exec(text)
  if (out) return clockOut(out, ctx, true)
  const loose = CLOCK_OUT_LOOSE.exec(text)
  if (loose) return clockOut(loose, ctx, false)
  const hours = HOURS.exec(text)
  if (hours) {
    const member = hours[1] ?? hours[3]
    return {
      kind: 'hours',
      member: member && isName(member) ? member : undefined,
      week: lower(hours[4]) === 'last' ? 'last' : 'this',
    }
  }
  const list = LIST.exec(text)
  if (list) return { kind: 'list', member: list[2], mine: lower(list[1]) === 'my' }
  return parseChange(text, ctx)
}

function parseChange(text: string, ctx: NannyContext): NannyCommand | undefined {
  const stop = STOP.exec(text)
  if (stop) {
    const member = stop[1] ?? stop[2]
    return member && isName(member) ? { kind: 'stop', member } : undefined
  }
  const set = SET.exec(text)
  if (set) return parseSet(set, ctx)
  if (SET_NO_TIME.test(text) && isName(text.split(' ')[0] ?? '')) return { kind: 'unclear', what: 'set' }
  return parseCover(text, ctx) ?? parseCancel(text, ctx)
}

function parseCover(text: string, ctx: NannyContext): NannyCommand | undefined {
  for (const re of COVER) {
    const m = re.exec(text)
    if (!m?.[1] || !m[2] || !isName(m[1]) || !isName(m[2])) continue
    const date = dateOf(m[3] ?? m[4] ?? '', ctx)
    return date ? { kind: 'cover', cover: m[1], member: m[2], date } : { kind: 'unclear', what: 'when' }
  }
  return undefined
}

function parseCancel(text: string, ctx: NannyContext): NannyCommand | undefined {
  for (const re of CANCEL) {
    const m = re.exec(text)
    if (!m?.[1] || !isName(m[1])) continue
    const date = dateOf(m[2] ?? m[3] ?? '', ctx)
    return date ? { kind: 'cancel', member: m[1], date } : { kind: 'unclear', what: 'when' }
  }
  return undefined
}

function parseSet(m: RegExpExecArray, ctx: NannyContext): NannyCommand | undefined {
  const [, member, when, from, to, tail] = m
  if (!member || !when || !from || !to || !isName(member)) return undefined
  const hours = shiftHours(from, to)
  if (!hours) return undefined
  // What follows the hours: when a weekly shift starts and ends ("starting Monday until Dec 18"), or
  // every other week. Anything else is for the next stage, not a guess.
  const bounds = tail ? shiftBounds(tail, ctx) : {}
  if (!bounds) return undefined
  // "Saturday 9–1 every other week": one day, repeating because of what follows.
  const weekly = repeating(when) ?? (bounds.every === 2 ? repeating(`every ${when}`) : undefined)
  // Repeating, but not on weekdays we can name ("every other day", "every third week"): for the agent.
  if (!weekly && (EVERY_OTHER_BEFORE.test(when) || /^every\b/i.test(when))) return undefined
  const every = weekly?.every === 2 || bounds.every === 2 ? 2 : undefined
  if (weekly) {
    if (bounds.until && bounds.from && bounds.until < bounds.from) return undefined
    return { kind: 'set', member, ...hours, days: weekly.days, date: bounds.from, every, until: bounds.until }
  }
  // One day: a date, with nothing about repeating.
  if (tail) return undefined
  const date = dateOf(when, ctx)
  return date ? { kind: 'set', member, ...hours, date } : { kind: 'unclear', what: 'when' }
}

const EVERY_OTHER_BEFORE =
  /^(?:every\s+(?:other|second|2nd)|alternate|alternating|bi-?weekly(?:\s+on)?|fortnightly(?:\s+on)?)\s+(?:weeks?\s*,?\s+(?:on\s+)?)?/i
const EVERY_OTHER_FIRST =
  /^(?:every\s+(?:other|second|2nd)\s+week|every\s+(?:two|2)\s+weeks|bi-?weekly|fortnightly)\b\s*,?\s*/i
const EVERY_OTHER_AFTER =
  /\s*,?\s+(?:every\s+(?:other|second|2nd)\s+week|every\s+(?:two|2)\s+weeks|bi-?weekly|fortnightly)$/i

/**
 * Weekly days, every week or every other: "Mon–Fri", "every other Saturday", "alternate weekends",
 * "every other week Mon–Fri", "Mondays, every other week", "biweekly on Fridays".
 */
export function repeating(raw: string): { days: Weekday[]; every?: 2 } | undefined {
  const s = raw.trim()
  const before = EVERY_OTHER_BEFORE.exec(s)
  const rest = before ? s.slice(before[0].length) : s.replace(EVERY_OTHER_AFTER, '')
  const twice = Boolean(before) || rest !== s
  // "every other day" is a rotation, not every day on alternate weeks: for the agent.
  if (twice && /^(?:days?|weekdays?)$/i.test(rest.trim())) return undefined
  // "every other Saturday": one day, but repeating, as "every Saturday" is.
  const days = weekdays(twice && !/^every\s/i.test(rest) ? `every ${rest}` : rest)
  if (!days) return undefined
  return twice ? { days, every: 2 } : { days }
}

/**
 * "until Dec 18", "starting Monday", "from the 1st through the 18th", "every other week": when a
 * weekly shift starts and ends. Undefined when any of it is not one of these.
 */
function shiftBounds(raw: string, ctx: NannyContext): { from?: string; until?: string; every?: 2 } | undefined {
  let rest = raw.trim().replace(/[.!]+$/, '')
  const out: { from?: string; until?: string; every?: 2 } = {}
  // "every other week" first or last: "every other week until April 3", "until April 3 every other week".
  const lead = EVERY_OTHER_FIRST.exec(rest)
  if (lead || EVERY_OTHER_AFTER.test(` ${rest}`)) {
    out.every = 2
    rest = lead ? rest.slice(lead[0].length).trim() : ` ${rest}`.replace(EVERY_OTHER_AFTER, '').trim()
  }
  const parts = rest
    .split(/\s*,?\s*\b(?=(?:starting|beginning|from|until|till|through|thru|ending)\b)/i)
    .filter(Boolean)
  for (const part of parts) {
    const m = /^(starting|beginning|from|until|till|through|thru|ending)\s+(?:on\s+)?(.+)$/i.exec(part.trim())
    // A time is not an end date: "until 6pm on Fridays" is about hours, for the next stage.
    const date = m?.[2] ? dateOf(m[2], ctx, { exact: true }) : undefined
    if (!m?.[1] || !date) return undefined
    if (/^(?:starting|beginning|from)$/i.test(m[1])) out.from = date
    else out.until = date
  }
  return out
}

function clockOut(m: RegExpExecArray, ctx: NannyContext, sure: boolean): NannyCommand {
  const note = m[2]?.trim().replace(/^note:?\s*/i, '') || undefined
  if (!m[1]) return { kind: 'clock_out', note, sure }
  const t = clockTime(m[1])
  if (!t) return { kind: 'clock_out', note, sure }
  // "leaving at 5:30" means the 5:30 nearest now (5:30 pm at 5:20 pm, not 5:30 am).
  const now = DateTime.fromJSDate(ctx.now, { zone: ctx.timezone })
  const candidates = (t.meridiem ? [t.hour] : [t.hour % 12, (t.hour % 12) + 12]).flatMap((h) =>
    [-1, 0, 1].map((d) => now.plus({ days: d }).set({ hour: h, minute: t.minute, second: 0, millisecond: 0 })),
  )
  const nearest = candidates.sort(
    (a, b) => Math.abs(a.diff(now).as('minutes')) - Math.abs(b.diff(now).as('minutes')),
  )[0]
  return { kind: 'clock_out', at: nearest?.toJSDate(), note, sure }
}

/** "8:30am" → { hour: 8, minute: 30, meridiem: true }; a bare "5" has no meridiem. */
function clockTime(s: string): { hour: number; minute: number; meridiem: boolean } | undefined {
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/i.exec(s.trim())
  if (!m) return undefined
  let hour = Number(m[1])
  const minute = Number(m[2] ?? 0)
  if (hour > 23 || minute > 59) return undefined
  const mer = m[3]?.toLowerCase().replace(/\./g, '')
  if (mer && (hour < 1 || hour > 12)) return undefined
  if (mer === 'pm' && hour < 12) hour += 12
  if (mer === 'am' && hour === 12) hour = 0
  return { hour, minute, meridiem: Boolean(mer) }
}

const hhmm = (h: number, m: number) => `${String(h % 24).padStart(2, '0')}:${String(m).padStart(2, '0')}`

/**
 * "8–5" → 08:00–17:00. A start without am/pm is a morning from 6 to 11, noon at 12, and afternoon from
 * 1 to 5 (nobody starts at 3 am without saying so); an end without am/pm is the first such hour after
 * the start, so "9–1" ends at 1 pm and "10pm–6" at 6 am.
 */
export function shiftHours(from: string, to: string): { start: string; end: string } | undefined {
  const a = clockTime(from)
  const b = clockTime(to)
  if (!a || !b) return undefined
  const startHour = a.meridiem || a.hour > 12 ? a.hour : a.hour <= 5 ? a.hour + 12 : a.hour
  const start = startHour * 60 + a.minute
  let end = b.hour * 60 + b.minute
  if (!b.meridiem && b.hour <= 12) {
    const options = [b.hour % 12, (b.hour % 12) + 12, (b.hour % 12) + 24].map((h) => h * 60 + b.minute)
    end = options.find((o) => o > start) ?? end
  }
  if (end % (24 * 60) === start) return undefined
  return { start: hhmm(Math.floor(start / 60), start % 60), end: hhmm(Math.floor(end / 60), end % 60) }
}

const DAY_WORDS: [RegExp, Weekday][] = [
  [/^mon(?:day)?s?$/i, 'MO'],
  [/^tue(?:s|sday)?s?$/i, 'TU'],
  [/^wed(?:nesday)?s?$/i, 'WE'],
  [/^thu(?:r|rs|rsday)?s?$/i, 'TH'],
  [/^fri(?:day)?s?$/i, 'FR'],
  [/^sat(?:urday)?s?$/i, 'SA'],
  [/^sun(?:day)?s?$/i, 'SU'],
]
const ORDER: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']

const dayOf = (w: string): Weekday | undefined => DAY_WORDS.find(([re]) => re.test(w))?.[1]

/**
 * Weekly days: "Mon–Fri", "Monday to Friday", "weekdays", "weekends", "every day", "daily", "Mondays
 * and Wednesdays", "every Tuesday", "Mon, Wed, Fri". A single day without "every" or a plural ("Friday")
 * is one date, not a weekly shift: undefined.
 */
export function weekdays(raw: string): Weekday[] | undefined {
  const s = raw
    .trim()
    .toLowerCase()
    .replace(/^on\s+/, '')
  if (/^(?:every\s+)?weekdays?$/.test(s) || s === 'every weekday') return ['MO', 'TU', 'WE', 'TH', 'FR']
  if (/^(?:on\s+)?(?:every\s+)?weekends?$/.test(s)) return ['SA', 'SU']
  if (/^(?:every\s*day|daily|7 days a week)$/.test(s)) return [...ORDER]
  const range = /^(?:every\s+)?([a-z]+)\s*(?:-|–|—|to|through|thru)\s*([a-z]+)$/.exec(s)
  if (range?.[1] && range[2]) {
    const a = dayOf(range[1])
    const b = dayOf(range[2])
    if (!a || !b) return undefined
    const out: Weekday[] = []
    for (let i = ORDER.indexOf(a); ; i = (i + 1) % 7) {
      out.push(ORDER[i] as Weekday)
      if (ORDER[i] === b || out.length === 7) break
    }
    return ORDER.filter((d) => out.includes(d))
  }
  const every = s.startsWith('every ')
  const words = s
    .replace(/^every\s+/, '')
    .split(/\s*(?:,|\band\b|&|\/)\s*/)
    .filter(Boolean)
  const days = words.map(dayOf)
  if (!days.length || days.some((d) => !d)) return undefined
  const plural = words.some((w) => /s$/.test(w) && !/^(?:tues|thurs)$/.test(w))
  if (days.length === 1 && !every && !plural) return undefined
  return ORDER.filter((d) => days.includes(d))
}

/**
 * One local date from words ("tomorrow", "Friday", "on Dec 5", "this Saturday"), today or later. A range
 * ("March 16 to 20") is not one date: undefined, for the agent, rather than its first day. `exact` (a
 * shift's start or end) also refuses a time of day ("until noon Friday" is about hours) and a date
 * chrono only implies ("until June", "next week": which day?).
 */
export function dateOf(raw: string, ctx: NannyContext, { exact = false } = {}): string | undefined {
  const s = raw.trim().replace(/^on\s+/i, '')
  if (!s) return undefined
  const now = DateTime.fromJSDate(ctx.now, { zone: ctx.timezone })
  if (/^today$/i.test(s)) return now.toISODate() ?? undefined
  if (exact && (TIME_OF_DAY.test(s) || VAGUE.test(s))) return undefined
  const found = chrono.casual.parse(s, { instant: ctx.now, timezone: now.offset }, { forwardDate: true })
  const [first] = found
  // The whole expression must be the date: "Friday after the dentist" is not one we can be sure of.
  if (!first || first.text.length < s.replace(/[.!?]$/, '').length - 1 || first.end) return undefined
  const c = first.start
  if (exact && (c.isCertain('hour') || !(c.isCertain('day') || c.isCertain('weekday')))) return undefined
  const date = DateTime.fromObject(
    { year: c.get('year') ?? now.year, month: c.get('month') ?? now.month, day: c.get('day') ?? now.day },
    { zone: ctx.timezone },
  )
  return date.isValid ? (date.toISODate() ?? undefined) : undefined
}

/** A week, a month or a season is not a day: "starting next week" — which day of it? */
const VAGUE = /\b(?:weeks?|weekend|months?|years?|summer|winter|spring|fall|autumn)\b/i
const TIME_OF_DAY =
  /\d\s*(?:am|pm|a\.m\.|p\.m\.)|\d:\d|\b(?:noon|midday|midnight|morning|afternoon|evening|night|tonight|o['’]?clock|at\s+\d)/i

const lower = (s: string | undefined) => s?.toLowerCase()
const isName = (s: string) => !NOT_NAMES.has(s.toLowerCase())
