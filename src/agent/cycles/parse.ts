/**
 * Cycle tracking by chat, deterministic: "period started today", "my period started yesterday",
 * "period ended", "period over", "heavy flow, cramps", "spotting", "BBT 36.4", "when is my next period?",
 * "when am I fertile?", "cycle history", "remind me before my period", "share my cycle with Sam". A day
 * entry needs a cycle word (period, flow, spotting, BBT, cycle, symptoms) and little else, so "Maya has
 * cramps" or a sentence that merely contains "period" is left to the next stage.
 */
import { isCalendarDate } from '../../domain/cycles/input.js'
import type { Flow } from '../../domain/cycles/schema.js'

export type CycleQuery = 'next' | 'fertile' | 'history'

export type CycleCommand =
  | { kind: 'start'; date?: string; day?: DayFields }
  | { kind: 'end'; date?: string }
  | { kind: 'day'; date?: string; day: DayFields }
  | { kind: 'query'; what: CycleQuery; whose?: string }
  | { kind: 'remind'; on: boolean; daysBefore?: number }
  | { kind: 'share'; member: string }
  | { kind: 'unshare'; member: string }
  | { kind: 'shares' }
  | { kind: 'unclear_date' }

export interface DayFields {
  flow?: Flow
  symptoms?: string[]
  bbt?: number
  /** The temperature was disturbed: said with it ("BBT 36.9, hungover", "bbt 36.8 (sick)"). */
  bbtDisturbed?: boolean
}

const DAY_MS = 86_400_000
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?'

/** Canonical symptom → the words people use for it. */
const SYMPTOMS: [string, RegExp][] = [
  ['cramps', /\b(?:cramps?|cramping|crampy)\b/],
  ['headache', /\b(?:headaches?|head ?ache)\b/],
  ['migraine', /\bmigraines?\b/],
  ['bloating', /\b(?:bloat(?:ed|ing)?)\b/],
  ['mood swings', /\b(?:mood ?swings?|moody|mood)\b/],
  ['irritability', /\b(?:irritab(?:le|ility)|cranky)\b/],
  ['anxiety', /\b(?:anxious|anxiety)\b/],
  ['fatigue', /\b(?:tired|fatigue[d]?|exhausted)\b/],
  ['tender breasts', /\b(?:(?:tender|sore) (?:breasts?|boobs?)|breast tenderness)\b/],
  ['back pain', /\b(?:back ?(?:pain|ache)|backache|sore back)\b/],
  ['nausea', /\b(?:nause(?:a|ous|ated))\b/],
  ['acne', /\b(?:acne|breakouts?|pimples?)\b/],
  ['cravings', /\bcravings?\b/],
  ['insomnia', /\b(?:insomnia|can'?t sleep)\b/],
]

const FLOW =
  /\b(?:(spotting)|(light|medium|moderate|heavy)(?:\s+(?:flow|bleeding|period|day))?|flow\s*(?:is|:)?\s*(light|medium|moderate|heavy))\b/
const BBT =
  /\b(?:bbt|basal(?:\s+body)?\s+temp(?:erature)?)\s*(?:is|was|of|:|=)?\s*(\d{2,3}(?:[.,]\d{1,2})?)\s*(?:°\s*)?(?:[cf]\b)?/
/**
 * What disturbs a waking temperature, as charting methods list it: illness or fever, alcohol the night
 * before, a disturbed or short night, a reading taken late, travel, a new thermometer ([NFPI-DISTURB]
 * naturalfamilyplanningireland.ie "What is a temperature disturbance?": "a disturbed temperature is
 * marked … and discounted when interpreting the temperature chart"; [FETUK-DISTURB] fertilityet.org.uk:
 * "alcohol (A), Late (L), … disturbed night (D), unwell (U), travel (T)"). Said with a BBT only.
 */
const DISTURBED =
  /\b(?:disturbed|(?:i'?m |was |been )?(?:ill|unwell|feverish)|(?:i'?m |was |been )?sick(?! to my stomach)|fever|a cold|the flu|flu(?= ?(?:ish|-ish|like|symptoms)\b)|hung[ -]?over|hangover|alcohol|(?:had |some |two |a few |too many )?(?:drinks|wine|beers?|cocktails)|drank|drunk|(?:slept|sleeping) (?:badly|poorly|in)|bad (?:night|sleep)|late night|(?:no|little|not much|hardly any) sleep|didn'?t sleep(?: well| much)?|overslept|(?:woke|got) up late|woke late|taken late|took it late|travell?ed|travell?ing|jet[ -]?lag(?:ged)?|new thermometer|covid|(?:up|awake) with the baby|baby woke me(?: up)?)\b/g
/** "no fever", "not sick", "without alcohol", "don't have a cold": a disturbance said not to have happened. */
const NEGATED_BEFORE =
  /(?:\b(?:no|not|never|without|dont|didnt|wasnt|isnt|havent|hasnt|werent)|n['’]t)(?:\s+have)?\s+(?:(?:a|any|at all|been|much|really|feeling|that|very)\s+)?$/

const CYCLE_WORD = /\b(?:period|flow|spotting|bbt|basal|cycle|symptoms?|menstrual|pms)\b/
/** Words that may sit around a day entry without changing it. */
const FILLER = new Set(
  "i im i'm am have had has got my a an some bad really very mild severe slight slightly lots lot of and with today this morning tonight last night feeling feel period cycle symptoms symptom flow log pms day is was it also bit little kind sort super quite".split(
    ' ',
  ),
)

/** "day 1" alone (or with a date) is a period start; "day 1 of amoxicillin" is not. */
const START =
  /^(?:my\s+)?(?:period|menstruation|menses)\s+(?:has\s+|just\s+)?(?:started|began|begun|came|arrived|is here)\b(.*)$|^(?:i\s+)?(?:got|started|just got|just started)\s+my\s+period\b(.*)$|^(?:period day 1|cd1)\b(.*)$|^day 1((?:\s+(?:today|yesterday|on\s+\S.*|\d+\s+days?\s+ago))?)[.!]*$/
const END =
  /^(?:my\s+)?period\s+(?:(?:has|is)\s+)?(?:ended|over|finished|stopped|done|gone)\b(.*)$|^(?:my\s+)?period'?s\s+(?:over|done|finished)\b(.*)$/

/** "today", "yesterday", "3 days ago", "on monday", "on 3 march", "march 3", "2026-03-03"; '' means no date. */
export function parseDate(raw: string, today: string): string | undefined | 'unclear' {
  const text = raw
    .trim()
    .replace(/^(?:on|at|from|since)\s+/, '')
    .replace(/[.!?,]+$/, '')
  if (!text || /^(?:today|this morning|this afternoon|this evening|tonight|just now|now)$/.test(text)) return undefined
  const base = Date.parse(`${today}T00:00:00Z`)
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)
  if (/^(?:yesterday|last night)$/.test(text)) return iso(base - DAY_MS)
  const ago = /^(\d{1,2}|a|one|two|three|four|five|six|seven) days? ago$/.exec(text)
  if (ago?.[1]) {
    const words: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7 }
    return iso(base - (words[ago[1]] ?? Number(ago[1])) * DAY_MS)
  }
  const weekday = WEEKDAYS.findIndex((w) => text === w || text === `last ${w}`)
  if (weekday >= 0) {
    const back = (new Date(base).getUTCDay() - weekday + 7) % 7 || 7
    return iso(base - back * DAY_MS)
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return isCalendarDate(text) ? text : 'unclear'
  return monthDay(text, today) ?? 'unclear'
}

/** "3 march", "march 3rd", "mar 3": the latest such date not after today (none when it is just ahead). */
function monthDay(text: string, today: string): string | undefined {
  const a = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}$`).exec(text)
  const b = new RegExp(`^${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?$`).exec(text)
  const day = Number(a?.[1] ?? b?.[2])
  const month = MONTHS.indexOf((a?.[2] ?? b?.[1] ?? '').slice(0, 3))
  if (month < 0 || !day || day > 31) return undefined
  let year = Number(today.slice(0, 4))
  const make = (y: number) => `${y}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  if (make(year) > today) {
    // A date just ahead is a mistake or a plan, not last year's period: ask instead of guessing.
    if (Date.parse(`${make(year)}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`) <= 60 * DAY_MS) return undefined
    year--
  }
  const out = make(year)
  return Number.isNaN(Date.parse(`${out}T00:00:00Z`)) || new Date(`${out}T00:00:00Z`).getUTCDate() !== day
    ? undefined
    : out
}

/**
 * Whether the words say the reading was disturbed, and the text without those words — a negated one
 * ("no fever") removed with its negation, so neither counts as a stray word; any other "not" stays.
 */
function disturbance(text: string): { disturbed: boolean; remaining: string } {
  let disturbed = false
  let remaining = ''
  let from = 0
  for (const m of text.matchAll(DISTURBED)) {
    const at = m.index ?? 0
    const before = text.slice(from, at)
    const negation = NEGATED_BEFORE.exec(text.slice(0, at))
    if (negation && negation.index >= from) remaining += `${text.slice(from, negation.index)} `
    else {
      disturbed = true
      remaining += `${before} `
    }
    from = at + m[0].length
  }
  return { disturbed, remaining: remaining + text.slice(from) }
}

/** Flow, symptoms and BBT in `text`; undefined when something else is said too (more than two stray words). */
export function parseDayFields(text: string): DayFields | undefined {
  let rest = ` ${text} `
  const out: DayFields = {}
  const bbt = BBT.exec(rest)
  if (bbt?.[1]) {
    out.bbt = Number(bbt[1].replace(',', '.'))
    rest = rest.replace(bbt[0], ' ')
    const { disturbed, remaining } = disturbance(rest)
    if (disturbed) out.bbtDisturbed = true
    rest = remaining
  }
  const flow = FLOW.exec(rest)
  if (flow) {
    const word = flow[1] ?? flow[2] ?? flow[3]
    out.flow = (word === 'moderate' ? 'medium' : word) as Flow
    rest = rest.replace(flow[0], ' ')
  }
  const symptoms: string[] = []
  for (const [name, re] of SYMPTOMS) {
    const global = new RegExp(re.source, 'g')
    if (global.test(rest)) {
      symptoms.push(name)
      rest = rest.replace(global, ' ')
    }
  }
  if (symptoms.length) out.symptoms = symptoms
  if (out.bbt === undefined && !out.flow && !symptoms.length) return undefined
  const stray = rest
    .split(/[\s,;:.!&+/()-]+/)
    .filter((w) => w && !FILLER.has(w) && !/^\d+$/.test(w) && !/^(?:days?|ago|yesterday|on|at)$/.test(w))
  return stray.length > 2 ? undefined : out
}

function parseQuery(text: string): CycleCommand | undefined {
  const whose = "(?:(my)|([a-z][a-z' -]{0,38}?)(?:'s|’s|s'))"
  const next = new RegExp(
    `^(?:when(?:'s| is| will)?\\s+)?${whose}\\s+(?:next\\s+)?period(?:\\s+(?:due|coming|expected|start|come|arrive))?\\??$|^when\\s+(?:is|will)\\s+${whose}\\s+(?:next\\s+)?period\\s*(?:due|coming|expected|start|come|arrive)?\\??$|^next period\\??$`,
  )
  const fertile = new RegExp(
    `^(?:when\\s+(?:am\\s+i|is\\s+([a-z][a-z' -]{0,38}?))\\s+(?:fertile|ovulating)|when\\s+(?:do\\s+i|does\\s+([a-z][a-z' -]{0,38}?))\\s+ovulate|${whose}\\s+(?:fertile\\s+(?:window|days)|ovulation(?:\\s+day)?)|fertile\\s+(?:window|days)|ovulation(?:\\s+day)?)\\??$`,
  )
  const history = new RegExp(
    `^${whose}\\s+(?:cycles?|period)\\s+(?:history|log)|^(?:cycle|period)\\s+history$|^${whose}\\s+cycles?$`,
  )
  const n = next.exec(text)
  if (n) return withWhose('next', n[2] ?? n[4])
  const f = fertile.exec(text)
  if (f) return withWhose('fertile', f[1] ?? f[2] ?? f[4])
  const h = history.exec(text)
  if (h) return withWhose('history', h[2] ?? h[4])
  return undefined
}

function withWhose(what: CycleQuery, whose: string | undefined): CycleCommand {
  const name = whose?.trim()
  return name ? { kind: 'query', what, whose: capitalize(name) } : { kind: 'query', what }
}

const capitalize = (s: string) => s.replace(/\b[a-z]/g, (c) => c.toUpperCase())

function parseSettings(text: string): CycleCommand | undefined {
  const remind =
    /^remind me(?:\s+(\d|one|two|three|four|five|six|seven)\s+days?)?\s+before\s+my\s+(?:period|cycle)$/.exec(text)
  if (remind) {
    const words: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7 }
    const n = remind[1] ? (words[remind[1]] ?? Number(remind[1])) : undefined
    return { kind: 'remind', on: true, ...(n === undefined ? {} : { daysBefore: n }) }
  }
  if (/^(?:period|cycle) reminders? on$/.test(text)) return { kind: 'remind', on: true }
  if (
    /^(?:(?:period|cycle) reminders? off|(?:stop|cancel|turn off|no more) (?:my )?(?:period|cycle) reminders?|don'?t remind me (?:about|before) my (?:period|cycle))$/.test(
      text,
    )
  ) {
    return { kind: 'remind', on: false }
  }
  const share = /^share my (?:cycles?|periods?|period tracking|cycle tracking) with (.+)$/.exec(text)
  if (share?.[1]) return { kind: 'share', member: capitalize(share[1].trim()) }
  const unshare =
    /^(?:stop sharing|unshare|don'?t share) my (?:cycles?|periods?|period tracking|cycle tracking) with (.+)$/.exec(
      text,
    )
  if (unshare?.[1]) return { kind: 'unshare', member: capitalize(unshare[1].trim()) }
  if (/^(?:who (?:can see|sees|has) my (?:cycles?|period)|(?:my )?cycle sharing)\??$/.test(text))
    return { kind: 'shares' }
  return undefined
}

function parseLog(text: string, today: string): CycleCommand | undefined {
  const start = START.exec(text)
  if (start) {
    const { date, day } = dateAndDay(start[1] ?? start[2] ?? start[3] ?? start[4] ?? '', today)
    if (date === 'unclear') return { kind: 'unclear_date' }
    return { kind: 'start', ...(date ? { date } : {}), ...(day ? { day } : {}) }
  }
  const end = END.exec(text)
  if (end) {
    const date = parseDate(end[1] ?? end[2] ?? '', today)
    if (date === 'unclear') return undefined
    return { kind: 'end', ...(date ? { date } : {}) }
  }
  if (!CYCLE_WORD.test(text)) return undefined
  const day = parseDayFields(text)
  if (!day) return undefined
  // A disturbed reading's "last night" is when she drank or slept badly, not the reading's date.
  const dated = day.bbtDisturbed ? text.replace(/\blast night\b/g, ' ') : text
  const when = /\b(yesterday|last night|(?:\d{1,2}|a|one|two|three) days? ago)\b/.exec(dated)?.[1]
  const date = when ? parseDate(when, today) : undefined
  return { kind: 'day', day, ...(date && date !== 'unclear' ? { date } : {}) }
}

/** "yesterday, heavy flow and cramps" after a start phrase: the date and any day fields. */
function dateAndDay(rest: string, today: string): { date?: string | 'unclear'; day?: DayFields } {
  const parts = rest
    .replace(/\b(?:with|and)\b/g, ',')
    .split(/[,;]+/)
    .map((p) => p.trim())
    .filter(Boolean)
  let date: string | 'unclear' | undefined
  const fields: string[] = []
  for (const part of parts) {
    const d = parseDate(part, today)
    if (d !== 'unclear' && d !== undefined) date = d
    else if (d === 'unclear') fields.push(part)
  }
  if (!fields.length) return { date }
  const day = parseDayFields(fields.join(', '))
  return day ? { date, day } : { date: date ?? 'unclear' }
}

export function parseCycle(raw: string, today: string): CycleCommand | undefined {
  const text = raw
    .trim()
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/[.!]+$/, '')
  if (text.length > 160) return undefined
  return parseQuery(text) ?? parseSettings(text) ?? parseLog(text, today)
}
