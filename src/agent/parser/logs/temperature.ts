import { cutAll, type Input } from '../grammar.js'
import { resolveSubject, type SelfRole } from '../subject.js'
import type { LogCommand, Temperature, TemperatureSite } from '../types.js'
import { bareTemperatureUnit, fahrenheitToCelsius, plausibleTemperature, round } from '../units.js'
import { readWhen } from '../when.js'

const KEYWORD = /\b(?:temperature|temp|temps|fever|febrile|thermometer)\b/g
const VERB = /\b(?:reading|reads|read|took|checked|measured|has|had|of|with|running|check)\b/g
const SITES: [RegExp, TemperatureSite][] = [
  [/\b(?:orally|oral|by mouth|in (?:the |her |his )?mouth|under (?:the |her |his )?tongue|mouth)\b/g, 'oral'],
  [/\b(?:armpit|axillary|axilla|underarm|under (?:the |her |his )?arm)\b/g, 'armpit'],
  [/\b(?:rectally|rectal|rectum|in (?:the |her |his )?(?:bum|bottom))\b/g, 'rectal'],
  [/\b(?:tympanic|in (?:the |her |his )?ear|ear)\b/g, 'ear'],
  [/\b(?:forehead|temporal|temple|head scan)\b/g, 'forehead'],
]
/** A reading: two or three digits, maybe a decimal, maybe a unit; never a clock time or an amount. */
const VALUE =
  /(?<![\d:.])(?<!\b(?:at|around|about|by|since|from|to)\s*)(\d{2,3}(?:\.\d{1,2})?)(?:\s*(c|f|deg)\b|(?![\d:.])(?!\s*(?:am|pm|min|ml|oz|kg|g|lb|mg|tsp|hrs?|hours?|ago|cm)\b|\s*in\b(?!\s+(?:the\s+)?(?:ear|mouth|bum|bottom))))/g

/** "temp 38.4", "101.2F armpit", "fever of 102 at 3", "my temp is 37.9 oral". */
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
  if (keyword.found.length === 0 && !site && !v[2]) return undefined
  const temperature = reading(Number(v[1]), stated, site)
  const subject = resolveSubject(input.mentions, input.ctx, { pool: 'all', self: selfRole(input.text) })
  const when = readWhen(keyword.rest.replace(VERB, ' '), input.clock)
  if (!temperature || !subject || !when) return undefined
  return { kind: 'log_temperature', subject, at: when.at, temperature }
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
