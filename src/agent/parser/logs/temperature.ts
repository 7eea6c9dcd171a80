import { cutAll, type Input } from '../grammar.js'
import { isChild, resolveSubject, type SelfRole } from '../subject.js'
import type { LogCommand, SubjectRef, Temperature, TemperatureSite } from '../types.js'
import { bareTemperatureUnit, fahrenheitToCelsius, plausibleTemperature, round } from '../units.js'
import { readWhen } from '../when.js'

const KEYWORD = /\b(?:(?:low[- ]grade|slight|mild|high|body) )?(?:temperature|temp|temps|fever|febrile|thermometer)\b/g
/** "running 101": running right before a reading says temperature too. */
const RUNNING = /\brunning\s+(?:(?:a )?(?:fever|temp) (?:of )?|about |around |~\s*)?\d/
const VERB =
  /\b(?:still|(?:went )?(?:down|up) to|reading|reads|read|took|checked|measured|has|had|of|with|running|check|says|said|shows|showed|showing)\b/g
const SITES: [RegExp, TemperatureSite][] = [
  [/\b(?:orally|oral|by mouth|in (?:the |her |his )?mouth|under (?:the |her |his )?tongue|mouth)\b/g, 'oral'],
  [/\b(?:(?:in (?:the |her |his )?)?armpit|axillary|axilla|underarm|under (?:the |her |his )?arm)\b/g, 'armpit'],
  [/\b(?:rectally|rectal|rectum|in (?:the |her |his )?(?:bum|bottom))\b/g, 'rectal'],
  [/\b(?:tympanic|in (?:the |her |his )?ear|ear)\b/g, 'ear'],
  [/\b(?:(?:forehead|temporal|temple)(?: scan| thermometer)?|head scan)\b/g, 'forehead'],
]
/** A reading: two or three digits, maybe a decimal, maybe a unit; never a clock time or an amount. */
const VALUE =
  /(?<![\d:.])(?<!\b(?:at|by|since|from|to)\s*)(\d{2,3}(?:\.\d{1,2})?)(?:\s*(c|f|deg)\b|(?![\d:.])(?!\s*(?:am|pm|min|ml|oz|kg|g|lb|mg|tsp|hrs?|hours?|ago|cm)\b|\s*in\b(?!\s+(?:the\s+)?(?:ear|mouth|bum|bottom))))/g

/** "temp 38.4", "101.2F armpit", "fever of 102 at 3", "my temp is 37.9 oral", "he's running 101", "thermometer says 100.8". */
export function parseTemperature(input: Input): LogCommand | undefined {
  const values = cutAll(input.rest, VALUE)
  const [v] = values.found
  if (!v || values.found.length > 1) return undefined
  let t = values.rest
  let site: TemperatureSite | undefined
  for (const [re, name] of SITES) {
    const s = cutAll(t, re)
    if (s.found.length === 0) continue
    if (site) return undefined
    site = name
    t = s.rest
  }
  const keyword = cutAll(t, KEYWORD)
  const stated = v[2] === 'c' ? 'C' : v[2] === 'f' ? 'F' : undefined
  const said = keyword.found.length > 0 || site !== undefined || v[2] !== undefined || RUNNING.test(input.rest)
  const temperature = reading(Number(v[1]), stated, site)
  const subject = resolveSubject(input.mentions, input.ctx, { pool: 'all', self: selfRole(input.text) })
  const when = readWhen(keyword.rest.replace(VERB, ' '), input.clock)
  if (!temperature || !subject || !when) return undefined
  if (!said && !bareFever(v[1] ?? '', subject, input)) return undefined
  return { kind: 'log_temperature', subject, at: when.at, temperature }
}

/**
 * "maya 101.2": a decimal °F reading with a named child and nothing else. Nothing else a family logs
 * for a child looks like 95.0–107.9; a bare °C-sized number could be a toddler's weight in lb, and an
 * adult's weight in kg could be either, so those are not read.
 */
function bareFever(typed: string, subject: SubjectRef, input: Input): boolean {
  const value = Number(typed)
  const named = input.mentions.named.length > 0
  return /\.\d$/.test(typed) && value >= 95 && value < 108 && named && isChild(subject, input.ctx)
}

function reading(value: number, stated: 'C' | 'F' | undefined, site?: TemperatureSite): Temperature | undefined {
  const unit = stated ?? bareTemperatureUnit(value)
  if (!unit || !plausibleTemperature(value, unit)) return undefined
  const celsius = unit === 'C' ? round(value, 2) : fahrenheitToCelsius(value)
  const t: Temperature = { value, unit, unitSource: stated ? 'stated' : 'inferred', celsius }
  if (site) t.site = site
  return t
}

/** "my temp", "I have a fever" → the sender; "I took her temp" → the sender measured it. */
function selfRole(text: string): SelfRole {
  if (/\bmy (?:temp|temperature)\b|\bi (?:have|had|am|got) (?:a )?(?:fever|temp|temperature)\b/.test(text))
    return 'subject'
  if (/\bi (?:just )?(?:took|checked|measured)\b/.test(text)) return 'actor'
  return 'reject'
}
