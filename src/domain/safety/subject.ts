/**
 * Who a message is about, and how old they are. Ages are whole days in the family's calendar,
 * because every age limit in the reference is in days (health-facts.md §0: "Age limits are in days").
 */
import type { GateDependent, GateInput } from './types.js'

const DAY_MS = 86_400_000
const formatters = new Map<string, Intl.DateTimeFormat>()

/** The calendar date (YYYY-MM-DD) at `at` in `timeZone`; an unknown zone counts as UTC. */
export function localDate(at: Date, timeZone = 'UTC'): string {
  let f = formatters.get(timeZone)
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    } catch {
      return localDate(at, 'UTC')
    }
    formatters.set(timeZone, f)
  }
  return f.format(at)
}

let lastToday: { at: number; zone: string | undefined; day: number | undefined } | undefined

/** Today's date in the zone, as UTC midnight ms; remembered for the last instant asked (one message's rules). */
function todayOf(now: Date, timeZone: string | undefined): number | undefined {
  const at = now.getTime()
  if (lastToday && lastToday.at === at && lastToday.zone === timeZone) return lastToday.day
  const day = parseDate(Number.isNaN(at) ? undefined : localDate(now, timeZone))
  lastToday = { at, zone: timeZone, day }
  return day
}

/** Days since a YYYY-MM-DD date, or undefined when the date is missing or malformed. */
export function daysSince(date: string | undefined, now: Date, timeZone?: string): number | undefined {
  const start = parseDate(date)
  const today = todayOf(now, timeZone)
  if (start === undefined || today === undefined) return undefined
  return Math.round((today - start) / DAY_MS)
}

function parseDate(date: string | undefined): number | undefined {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null
  if (!m) return undefined
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return Number.isNaN(ms) ? undefined : ms
}

/**
 * EMERG-MATERNAL-* — [CDC-HEARHER] "up to a year after pregnancy": pregnant, or the local date is
 * before the first anniversary of the birth.
 */
export function isMaternal(input: GateInput): boolean {
  const m = input.senderMaternal
  if (!m) return false
  if (m.pregnant) return true
  const since = parseDate(m.postpartumSince)
  const today = todayOf(input.now, input.timeZone)
  if (since === undefined || today === undefined) return false
  const d = new Date(since)
  const anniversary = Date.UTC(d.getUTCFullYear() + 1, d.getUTCMonth(), d.getUTCDate())
  return today >= since && today < anniversary
}

// Names that are also ordinary words count only when capitalised in the original text ("Will", "May").
// biome-ignore format: a word list reads better packed
const COMMON_WORDS = new Set([
  'will', 'may', 'june', 'april', 'august', 'hope', 'grace', 'joy', 'faith', 'rose', 'lily', 'daisy', 'sunny',
  'mark', 'bill', 'art', 'pat', 'sue', 'max', 'bean', 'bug', 'baby', 'bub', 'love', 'honey', 'buddy', 'son',
])

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The dependents named (by name or nickname) in the text, in the family's order. */
export function namedDependents(original: string, normalised: string, dependents: GateDependent[]): GateDependent[] {
  return dependents.filter((d) =>
    [d.name, ...d.nicknames].some((raw) => {
      const name = raw.trim().toLowerCase().replace(/'/g, '')
      if (name.length < 2) return false
      const re = new RegExp(`(?:^|[^\\p{L}])${escapeRegExp(name)}s?(?![\\p{L}])`, 'u')
      if (!re.test(normalised)) return false
      if (!COMMON_WORDS.has(name)) return true
      const capital = raw.trim()[0]?.toUpperCase() + name.slice(1)
      return new RegExp(`(?:^|[^\\p{L}])${escapeRegExp(capital)}(?![\\p{L}])`, 'u').test(original)
    }),
  )
}

/** A dependent's name or nickname as a pattern on normalised text ("maya", "mayas"). */
const namePatterns = new Map<string, RegExp | undefined>()
function namePattern(raw: string): RegExp | undefined {
  if (namePatterns.has(raw)) return namePatterns.get(raw)
  const name = raw.trim().toLowerCase().replace(/'/g, '')
  const re = name.length < 2 ? undefined : new RegExp(`(?:^|[^\\p{L}])(${escapeRegExp(name)})s?(?![\\p{L}])`, 'gu')
  if (namePatterns.size > 1000) namePatterns.clear()
  namePatterns.set(raw, re)
  return re
}

const BABY_WORD = /\b(?:the baby|baby|newborn|infant|little one)\b/g
const YEAR_DAYS = 365

/**
 * Whose reading this is: the dependent named last before `index` in the sentence, else the first named after
 * it. "The baby" names the youngest dependent under a year. Undefined when the sentence names nobody.
 */
export function ownerAt(sentence: string, index: number, input: GateInput): GateDependent | undefined {
  const mentions: { at: number; dep: GateDependent }[] = []
  for (const dep of input.dependents) {
    for (const raw of [dep.name, ...dep.nicknames]) {
      const re = namePattern(raw)
      if (re) for (const m of sentence.matchAll(re)) mentions.push({ at: m.index ?? 0, dep })
    }
  }
  const baby = byAge(input.dependents, input).find((d) => (ageDays(d, input) ?? YEAR_DAYS) < YEAR_DAYS)
  if (baby) for (const m of sentence.matchAll(BABY_WORD)) mentions.push({ at: m.index ?? 0, dep: baby })
  const before = mentions.filter((m) => m.at < index).sort((a, b) => b.at - a.at)[0]
  const after = mentions.filter((m) => m.at > index).sort((a, b) => a.at - b.at)[0]
  return (before ?? after)?.dep
}

/** Who the message can be about: the named dependents, else every dependent (one means no doubt). */
export interface Candidates {
  list: GateDependent[]
  /** More than one dependent and none named: rules are applied to each and the most severe is kept. */
  ambiguous: boolean
}

export function candidates(input: GateInput, normalised: string): Candidates {
  const named = namedDependents(input.text, normalised, input.dependents)
  if (named.length) return { list: named, ambiguous: false }
  return { list: input.dependents, ambiguous: input.dependents.length > 1 }
}

/** Age in days of a dependent at `now`, in the family's time zone. */
export function ageDays(dep: GateDependent | undefined, input: GateInput): number | undefined {
  return dep ? daysSince(dep.birthDate, input.now, input.timeZone) : undefined
}

/** Youngest first; dependents without a birth date last. */
export function byAge(list: GateDependent[], input: GateInput): GateDependent[] {
  const age = (d: GateDependent) => ageDays(d, input) ?? Number.POSITIVE_INFINITY
  return [...list].sort((a, b) => age(a) - age(b))
}

/** "7 weeks", "4 months", "3 years": how a reply describes an age. */
export function describeAge(days: number): string {
  if (days < 14) return `${days} day${days === 1 ? '' : 's'}`
  if (days < 91) return `${Math.floor(days / 7)} weeks`
  if (days < 730) return `${Math.floor(days / 30.4375)} months`
  return `${Math.floor(days / 365.25)} years`
}
