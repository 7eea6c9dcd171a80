/**
 * Body temperatures in a message: "temp 38.4", "101.2F armpit", "38,4", "100.4 degrees", "39c rectal",
 * "she's at 102". Room, bath, bottle and weather temperatures and other quantities ("fed 120ml at 3",
 * "weighed 6.2 kg") are not readings.
 */
import { isHistorical, sentences, windowBefore } from './text.js'

export type Site = 'rectal' | 'axillary' | 'oral' | 'ear' | 'forehead'

export interface Reading {
  /** Rounded to 0.01 °C, so 100.4 °F is exactly 38 and 102.2 °F exactly 39. */
  celsius: number
  /** The number as written, in `unit`. */
  value: number
  unit: 'C' | 'F'
  /** False when the unit was inferred from the number's range (§0). */
  unitGiven: boolean
  /** Recorded when named; it never changes a threshold (health-facts.json `fever.gate_site_policy`). */
  site?: Site
  /** The sentence the reading is in (normalised) and the reading's offset in it. */
  sentence: string
  index: number
}

// CONV-F-C — [MAYO-FIRSTAID] °C = (°F − 32) × 5/9 (health-facts.md §0).
export const toCelsius = (f: number) => Math.round(((f - 32) * 5 * 100) / 9) / 100
export const toFahrenheit = (c: number) => Math.round((c * 9 * 10) / 5 + 320) / 10

// §0 [derived]: "A bare number from 34 to 43 is °C; from 93 to 110 it is °F. A bare "38" cannot be °F".
const BARE_C = { min: 34, max: 43 }
const BARE_F = { min: 93, max: 110 }
// Design choice, not from the reference: with the unit written, 30–45 °C (86–113 °F) is believable, so "33.5 C"
// (a very cold baby, FEVER-U3M-LOW) is read, while "72 F" (a room) is not.
const GIVEN_C = { min: 30, max: 45 }
const GIVEN_F = { min: 86, max: 113 }

const NUMBER =
  /(?<![\d.:/$£€#-])(\d{2,3}(?:\.\d{1,2})?)(?![\d:/]|\.\d)\s?(°\s?|degrees?\s?|degs?\s?)?(celsius|centigrade|fahrenheit|c|f)?(?!\p{L})/gu
// A quantity that is not a temperature, right after the number.
const OTHER_UNIT =
  /^\s?(?:ml|mls|millilit(?:er|re)s?|cc|oz|ounces?|kg|kgs|kilos?|g|grams?|lbs?|pounds?|mg|mcg|cm|mm|inch(?:es)?|mins?|minutes?|hrs?|hours?|h|secs?|seconds?|weeks?|wks?|days?|months?|mos?|years?|yrs?|yo|y\/o|%|percent|tsp|tbsp|teaspoons?|pm|am|oclock|times|x|feeds?|bottles?|diapers?|nappies|nappy|bpm|beats|breaths|st|nd|rd|th|k|kcal|cals?)\b/
const WEATHER_AFTER = /^\s?(?:out|outside|outdoors|in here|in the (?:room|house|car))\b/
// Not a body: the number belongs to the room, the bath, the bottle, the weather or the car.
const NOT_BODY =
  /\b(?:room|rooms|house|home|bath|bathwater|tub|water|oven|outside|outdoors|weather|fridge|freezer|nursery|bedroom|thermostat|heating|heater|ac|aircon|car|bottle|milk|formula|pool|forecast|sea|air|kitchen|freezing|sunny)\b/
const TEMP_WORD =
  /\b(?:temp|temps|temperature|fever|feverish|febrile|thermometer|reading|rectal(?:ly)?|armpit|underarm|axillary|axilla|oral(?:ly)?|ear|tympanic|forehead|temporal)\b/
// "She's at 102", "Maya is 38", "spiked to 39": a bare whole number counts after these without a temperature word.
// (An age is not read as one: "is 38 weeks" has a unit after it, see OTHER_UNIT.)
const LEAD_IN =
  /\b(?:at|hit|hits|reached|reaching|up to|down to|spiked to|spiking|spiked|peaked at|went to|back to|still|is|s|was)\s?$/
// "It was 104 today" is the weather: a lead-in alone does not make a body temperature of it.
const IMPERSONAL = /\b(?:it|its|weather|today|outside|high of|low of|forecast)\b/
// A message that is only a number ("101", "38.4c") is a reading.
const ONLY_NUMBER = /^\d{2,3}(?:\.\d{1,2})?\s?(?:°\s?|degrees?\s?)?[cf]?[\s!.?]*$/

const SITES: [Site, RegExp][] = [
  ['rectal', /\b(?:rectal(?:ly)?|rectum|bum|bottom|butt)\b/],
  ['axillary', /\b(?:armpit|arm pit|underarm|under (?:the |her |his )?arm|axillary|axilla)\b/],
  ['oral', /\b(?:oral(?:ly)?|mouth|under (?:the |her |his )?tongue)\b/],
  ['ear', /\b(?:ear|tympanic)\b/],
  ['forehead', /\b(?:forehead|temporal|temple|no-?touch)\b/],
]

// Enough for any real message; a pasted log with hundreds of numbers is read up to here.
const MAX_NUMBERS = 40

export function extractTemperatures(normalised: string): Reading[] {
  const out: Reading[] = []
  let seen = 0
  for (const s of sentences(normalised)) {
    const ctx = sentenceContext(s.text)
    for (const m of s.text.matchAll(NUMBER)) {
      if (++seen > MAX_NUMBERS) return out
      if (isHistorical(s.text, m.index ?? 0)) continue
      const reading = readingAt(s.text, m, ctx)
      if (reading) out.push(reading)
    }
  }
  return out
}

interface SentenceContext {
  tempWord: boolean
  impersonal: boolean
  onlyNumber: boolean
  site: Site | undefined
}

function sentenceContext(sentence: string): SentenceContext {
  return {
    tempWord: TEMP_WORD.test(sentence),
    impersonal: IMPERSONAL.test(sentence),
    onlyNumber: ONLY_NUMBER.test(sentence.trim()),
    site: SITES.find(([, re]) => re.test(sentence))?.[0],
  }
}

function readingAt(sentence: string, m: RegExpMatchArray, ctx: SentenceContext): Reading | undefined {
  const index = m.index ?? 0
  const raw = m[1] ?? ''
  const value = Number(raw)
  const degree = Boolean(m[2])
  const letter = m[3]?.[0]
  const after = sentence.slice(index + m[0].length)
  if (!letter && (OTHER_UNIT.test(after) || WEATHER_AFTER.test(after))) return undefined
  if (letter && WEATHER_AFTER.test(after)) return undefined
  if (NOT_BODY.test(windowBefore(sentence, index, 5))) return undefined
  const unit = letter === 'c' ? 'C' : letter === 'f' ? 'F' : inferUnit(value)
  if (!unit || !inRange(value, unit, Boolean(letter))) return undefined
  const before = sentence.slice(Math.max(0, index - 20), index)
  const context =
    Boolean(letter) ||
    degree ||
    ctx.tempWord ||
    raw.includes('.') ||
    (LEAD_IN.test(before) && !ctx.impersonal) ||
    ctx.onlyNumber
  if (!context) return undefined
  const celsius = unit === 'C' ? value : toCelsius(value)
  const site = ctx.site
  return { celsius, value, unit, unitGiven: Boolean(letter), sentence, index, ...(site ? { site } : {}) }
}

function inferUnit(value: number): 'C' | 'F' | undefined {
  if (value >= BARE_C.min && value <= BARE_C.max) return 'C'
  if (value >= BARE_F.min && value <= BARE_F.max) return 'F'
  return undefined
}

function inRange(value: number, unit: 'C' | 'F', given: boolean): boolean {
  const band = unit === 'C' ? (given ? GIVEN_C : BARE_C) : given ? GIVEN_F : BARE_F
  return value >= band.min && value <= band.max
}
