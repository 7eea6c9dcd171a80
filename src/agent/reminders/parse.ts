/**
 * Reminder commands in plain words, deterministic: "remind me Thursday to call in my medication",
 * "remind Maria at 2pm to give amoxicillin", "every day at 7pm remind me to pump", "my reminders",
 * "cancel 2", "cancel the pump reminder", "snooze 15", "done". chrono-node reads the time; the
 * repetition ("every day", "every weekday", "every monday and thursday", "every 6 hours") becomes an
 * RRULE. A message that only looks like one of these returns undefined, for the next stage.
 */
import * as chrono from 'chrono-node'
import { DateTime } from 'luxon'

export type ReminderCommand =
  | { kind: 'create'; member?: string; body: string; dtstart: string; rrule?: string; defaultedTime: boolean }
  | { kind: 'needs_time'; member?: string; body: string; about: boolean }
  | { kind: 'list' }
  | { kind: 'cancel'; number: number }
  | { kind: 'cancel_words'; words: string }
  | { kind: 'snooze'; minutes: number }
  | { kind: 'done' }

export interface ReminderContext {
  now: Date
  timezone: string
}

/** A date with no time of day ("Thursday") is reminded at this hour, and the reply says so. */
export const DEFAULT_HOUR = 9

const LIST = /^(?:(?:show|list|see)\s+)?(?:my\s+|all\s+)?reminders\??$|^what are my reminders\??$/i
const CANCEL_NUMBER = /^(?:cancel|delete|remove|stop)\s+(?:reminder\s+)?(?:#|no\.?\s*|number\s+)?(\d{1,3})$/i
const CANCEL_WORDS =
  /^(?:cancel|delete|remove)\s+(?:the\s+|my\s+)?(.+?)\s+reminder$|^stop reminding me (?:to|about)\s+(.+)$/i
const SNOOZE = /^snooze(?:\s+(?:for\s+)?(\d{1,4})\s*(m|min|mins|minutes?|h|hr|hrs|hours?)?)?$/i
const DONE = /^(?:done|did it|taken|took it|finished|all done|✅|👍)[.!]*$/i
// The recipient is "me" or one first name, which the tool looks up among the family's members.
const REMIND = /^(?:(?:please|pls|hey)\s+)?remind\s+(me|[a-z][a-z'-]{0,40})\s+(.+)$/i
const LEADING_EVERY = /^((?:every|each)\b.+?|daily\b.*?|weekdays?\b.*?),?\s+remind\s+(me|[a-z][a-z'-]{0,40})\s+(.+)$/i

export function parseReminder(raw: string, ctx: ReminderContext): ReminderCommand | undefined {
  const text = raw.trim().replace(/\s+/g, ' ')
  if (LIST.test(text)) return { kind: 'list' }
  const n = CANCEL_NUMBER.exec(text)
  if (n?.[1]) return { kind: 'cancel', number: Number(n[1]) }
  const w = CANCEL_WORDS.exec(text)
  if (w) return { kind: 'cancel_words', words: (w[1] ?? w[2] ?? '').trim() }
  const s = SNOOZE.exec(text)
  if (s) {
    const amount = s[1] ? Number(s[1]) : 15
    const hours = s[2] ? /^h/i.test(s[2]) : false
    return { kind: 'snooze', minutes: hours ? amount * 60 : amount }
  }
  if (DONE.test(text)) return { kind: 'done' }
  return parseCreate(text, ctx)
}

function parseCreate(text: string, ctx: ReminderContext): ReminderCommand | undefined {
  const lead = LEADING_EVERY.exec(text)
  const m = lead ? undefined : REMIND.exec(text)
  if (!lead && !m) return undefined
  const who = (lead ? lead[2] : m?.[1]) ?? 'me'
  const member = who.toLowerCase() === 'me' ? undefined : who.trim()
  let rest = lead ? `${lead[1]} ${lead[3]}` : (m?.[2] ?? '')
  const repeat = takeRepeat(rest)
  rest = repeat.rest
  const when = takeTime(rest, ctx, Boolean(repeat.rrule))
  const body = cleanBody(when.rest)
  if (!body) return undefined
  const about = /^\s*(?:,\s*)?about\b/i.test(when.rest)
  if (!when.time && !repeat.rrule) return { kind: 'needs_time', member, body, about }
  if (repeat.rrule && !when.time) {
    if (!repeat.everyHours) return { kind: 'needs_time', member, body, about }
    // "every 6 hours": the first one 6 hours from now, on the minute.
    const first = DateTime.fromJSDate(ctx.now, { zone: ctx.timezone }).plus({ hours: repeat.everyHours })
    return {
      kind: 'create',
      member,
      body,
      dtstart: first.toFormat("yyyy-MM-dd'T'HH:mm"),
      rrule: repeat.rrule,
      defaultedTime: false,
    }
  }
  const time = when.time as { date: DateTime; defaultedTime: boolean }
  // A repeating reminder starts today at its time; the scheduler takes the first one still ahead.
  const start = repeat.rrule
    ? DateTime.fromJSDate(ctx.now, { zone: ctx.timezone }).set({ hour: time.date.hour, minute: time.date.minute })
    : time.date
  return {
    kind: 'create',
    member,
    body,
    dtstart: start.toFormat("yyyy-MM-dd'T'HH:mm"),
    rrule: repeat.rrule ? withTimes(repeat.rrule, when.extraHours, time.date) : undefined,
    defaultedTime: time.defaultedTime,
  }
}

const DAYS: Record<string, string> = {
  mon: 'MO',
  tue: 'TU',
  wed: 'WE',
  thu: 'TH',
  fri: 'FR',
  sat: 'SA',
  sun: 'SU',
}
const DAY_WORD = '(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*'

/** Finds the repetition and removes it from the text. */
function takeRepeat(text: string): { rest: string; rrule?: string; everyHours?: number } {
  const patterns: [RegExp, (m: RegExpExecArray) => { rrule: string; everyHours?: number }][] = [
    [
      /\bevery (\d{1,2}) (?:hours?|hrs?)\b/i,
      (m) => ({ rrule: `FREQ=HOURLY;INTERVAL=${m[1]}`, everyHours: Number(m[1]) }),
    ],
    [/\bevery (\d{1,2}) days\b/i, (m) => ({ rrule: `FREQ=DAILY;INTERVAL=${m[1]}` })],
    [/\b(?:every|each) weekday\b|\bweekdays\b|\bon weekdays\b/i, () => ({ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' })],
    [/\b(?:every|each) weekend\b|\bon weekends\b/i, () => ({ rrule: 'FREQ=WEEKLY;BYDAY=SA,SU' })],
    [
      new RegExp(`\\b(?:every|each|on) (${DAY_WORD}(?:(?:,| and|, and) ${DAY_WORD})*)\\b`, 'i'),
      (m) => ({ rrule: `FREQ=WEEKLY;BYDAY=${dayCodes(m[1] ?? '')}` }),
    ],
    [/\b(?:every|each) (?:day|night|evening|morning)\b|\bdaily\b|\bevery ?day\b/i, () => ({ rrule: 'FREQ=DAILY' })],
    [/\b(?:every|each) week\b|\bweekly\b/i, () => ({ rrule: 'FREQ=WEEKLY' })],
  ]
  for (const [pattern, make] of patterns) {
    const m = pattern.exec(text)
    if (m) return { rest: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.trim(), ...make(m) }
  }
  return { rest: text }
}

function dayCodes(words: string): string {
  const codes = words
    .toLowerCase()
    .split(/,|\band\b/)
    .map((w) => DAYS[w.trim().slice(0, 3)])
    .filter((c): c is string => Boolean(c))
  return [...new Set(codes)].join(',')
}

/** "at 8am and 8pm": the extra hours go into BYHOUR, the first time is the rule's start. */
function withTimes(rrule: string, extraHours: number[], first: DateTime): string {
  if (!extraHours.length || rrule.startsWith('FREQ=HOURLY')) return rrule
  const hours = [...new Set([first.hour, ...extraHours])].sort((a, b) => a - b)
  return `${rrule};BYHOUR=${hours.join(',')};BYMINUTE=${first.minute}`
}

interface FoundTime {
  rest: string
  time?: { date: DateTime; defaultedTime: boolean }
  extraHours: number[]
}

/** The one time expression (chrono-node), removed from the text; a bare "at 7" is the next 7 ahead. */
function takeTime(text: string, ctx: ReminderContext, repeating: boolean): FoundTime {
  const offset = DateTime.fromJSDate(ctx.now, { zone: ctx.timezone }).offset
  const found = chrono.casual.parse(text, { instant: ctx.now, timezone: offset }, { forwardDate: true })
  const [first, ...others] = found
  if (!first) return { rest: text, extraHours: [] }
  const extraHours = others.map((o) => o.start.get('hour')).filter((h): h is number => h !== null)
  const cut = [first, ...others].reduceRight((s, r) => s.slice(0, r.index) + s.slice(r.index + r.text.length), text)
  const c = first.start
  let date = DateTime.fromObject(
    {
      year: c.get('year') ?? undefined,
      month: c.get('month') ?? undefined,
      day: c.get('day') ?? undefined,
      hour: c.isCertain('hour') ? (c.get('hour') ?? DEFAULT_HOUR) : DEFAULT_HOUR,
      minute: c.isCertain('hour') ? (c.get('minute') ?? 0) : 0,
    },
    { zone: ctx.timezone },
  )
  const now = DateTime.fromJSDate(ctx.now, { zone: ctx.timezone })
  // "at 7" said at 3 pm means 7 pm today, not 7 am tomorrow: the next such hour ahead. (A repeating
  // reminder keeps chrono's reading; the reply shows AM or PM, so a wrong guess is seen at once.)
  if (!repeating && c.isCertain('hour') && !c.isCertain('meridiem') && !c.isCertain('day') && date.hour < 12) {
    const evening = now.set({ hour: date.hour + 12, minute: date.minute, second: 0, millisecond: 0 })
    const morning = now.set({ hour: date.hour, minute: date.minute, second: 0, millisecond: 0 })
    date = morning > now ? morning : evening > now ? evening : morning.plus({ days: 1 })
  }
  return { rest: cut, time: { date, defaultedTime: !c.isCertain('hour') }, extraHours }
}

/** What is left once the time and the repetition are gone: "to call in my medication" → "call in my medication". */
function cleanBody(text: string): string {
  return text
    .replace(/\s+(?:at|on|by|and)\s*$/i, '')
    .replace(/\s+(?:at|on|by)\s+(?=to\b|about\b)/gi, ' ')
    .replace(/^\s*(?:,|at|on|by|and)?\s*(?:to|about|that|for)\s+/i, '')
    .replace(/\s+(?:at|on|by|and)\s*$/i, '')
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s,.:;-]+|[\s,.:;-]+$/g, '')
}
