/**
 * FEVER-* — health-facts.md §1.1 (gate choice) and gate_rules. Thresholds apply to the number as given,
 * from any site, without an armpit correction (§1.2 gate choice: "Do not downgrade a reading because of its site").
 */
import { doctorAdvice, formatTemperature } from './replies.js'
import { describeAge } from './subject.js'
import type { Reading } from './temperature.js'
import { isFigurative, isHistorical, isNegated, occurs, sentences, windowBefore } from './text.js'
import type { GateDependent, GateFinding } from './types.js'

// FEVER-U3M, FEVER-U3M-LOW — [AAP-FEVER-CALL] "younger than 3 months (12 weeks) … 100.4F (38.0C) or higher";
// [NHS-HT-U3M] "more than 38°C or under 36°C". §0: "< 90 days for the fever rule".
export const U3M_MAX_DAYS = 90
export const FEVER_C = 38.0
export const LOW_C = 36.0
// FEVER-3-6M — [NHS-FEVER-GP] "between three and six months old and … 39C (102F) or above"; [NICE-NG143-SUMMARY].
export const SIX_MONTHS_DAYS = 183
export const FEVER_3_6M_C = 39.0
// FEVER-3-6M disputed zone — older AAP advice (secondary) [HEALTHDAY-AAP] "3 to 6 months: 101°F or higher" (38.3 °C);
// §1.1 gate choice: "Send it to a human and don't silently ignore it."
export const DISPUTED_3_6M_C = 38.3
// FEVER-ANY-40 — [AAP-FEVER-CALL] "rises above 104°F (40°C) repeatedly"; the gate acts on one reading (§1.1).
export const ANY_AGE_C = 40.0
// FEVER-DUR-U2Y / FEVER-DUR-2Y — [AAP-FEVER-CALL] "more than 24 hours in a child younger than 2 years";
// "more than 3 days (72 hours) in a child 2 years of age or older".
export const TWO_YEARS_DAYS = 730
export const DUR_U2Y_HOURS = 24
export const DUR_2Y_HOURS = 72
// FEVER-RISK — [AAP-FEVER-CALL] "immune system problems (sickle cell disease, cancer, steroids), heart problems".
export const RISK_CONDITION =
  /sickle|immun|cancer|leuk(?:a)?emia|lymphoma|tumou?r|chemo|steroid|prednis|dexameth|transplant|heart|cardiac|hiv|asplen|spleen/i
// FEVER-CALL-NOW-SIGNS — [AAP-FEVER-CALL] call right away when a fever comes with these (the emergency ones,
// such as breathing difficulty, a rash or a seizure, are caught earlier as EMERG-CHILD-*).
const CALL_NOW_SIGN =
  /\b(?:severe|really bad|terrible) (?:headache|sore throat|ear ?ache|ear pain)\b|\b(?:keeps|repeated(?:ly)?|constant(?:ly)?|nonstop|non-stop|wont stop) (?:vomiting|throwing up|puking|being sick|diarrh?o?ea)\b|\b(?:vomiting|throwing up|threw up|vomited|puked) (?:\d+|several|many|multiple|five|four|three) times\b|\blooks? (?:very|really|so) (?:ill|sick|unwell)\b|\b(?:hot|overheated) car\b|\bgetting worse\b/

const FEVER_WORD =
  /\b(?:fever|feverish|febrile|burning up|running a temp(?:erature)?|high temp(?:erature)?|has a temp(?:erature)?)\b/g
const NOT_A_FEVER =
  /\b(?:hay|cabin|spring|baby|bieber|yellow|saturday night) fever\b|\bfever (?:of (?:excitement|anticipation|joy)|pitch|dream|tree)\b|\bfever[- ]free\b|\bfever (?:is |has )?(?:gone|broke|broken|went away|went down|is down|came down)\b/

/** A fever said in words, happening now: "she has a fever", not "no fever" or "a fever of excitement". */
export function reportsFever(normalised: string): boolean {
  for (const s of sentences(normalised)) {
    if (NOT_A_FEVER.test(s.text)) continue
    for (const m of s.text.matchAll(FEVER_WORD)) {
      const i = m.index ?? 0
      if (!isNegated(windowBefore(s.text, i)) && !isFigurative(s.text, i) && !isHistorical(s.text, i)) return true
    }
  }
  return false
}

const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, couple: 2, 'couple of': 2, few: 3 }
Object.assign(NUMBER_WORDS, { three: 3, four: 4, five: 5, six: 6, seven: 7 })
const UNIT = '(hours?|hrs?|h|days?|nights?)'
const COUNT = '(\\d+|a|an|one|two|three|four|five|six|seven|couple(?: of)?|few)'
const DURATIONS = [
  new RegExp(`\\bfever\\b.{0,20}?\\b(?:for|over|going on|lasting)(?: the)?(?: past| last)? ${COUNT} ${UNIT}\\b`),
  new RegExp(`\\b${COUNT} ${UNIT} (?:of|with)(?: a)? (?:fever|temps?|temperature|high temps?)\\b`),
]

/** Hours of fever the message states ("fever for 2 days", "3 days of fever", "fever since yesterday"). */
export function statedFeverHours(normalised: string): number | undefined {
  for (const re of DURATIONS) {
    const m = re.exec(normalised)
    if (!m) continue
    const n = Number(m[1]) || NUMBER_WORDS[m[1] ?? ''] || 0
    return /^(?:h|hr|hour)/.test(m[2] ?? '') ? n : n * 24
  }
  return /\bfever\b.{0,20}\bsince yesterday\b/.test(normalised) ? 24 : undefined
}

export interface FeverFacts {
  readings: Reading[]
  /** A fever reported in words, without a number. */
  reported: boolean
  /** Hours stated in the text (rounded toward escalation: compared with ≥). */
  statedHours?: number
  normalised: string
  now: Date
  locale: string
}

/** The fever rule that fires for one dependent (age in days, undefined when unknown), if any. */
export function feverFinding(
  dep: GateDependent | undefined,
  age: number | undefined,
  f: FeverFacts,
): GateFinding | undefined {
  const high = f.readings.reduce<Reading | undefined>((a, r) => (!a || r.celsius > a.celsius ? r : a), undefined)
  const low = f.readings.reduce<Reading | undefined>((a, r) => (!a || r.celsius < a.celsius ? r : a), undefined)
  const maxC = high?.celsius ?? Number.NEGATIVE_INFINITY
  const feverish = maxC >= FEVER_C || (!high && f.reported)
  const u3m = age !== undefined && age < U3M_MAX_DAYS
  const m3to6 = age !== undefined && age >= U3M_MAX_DAYS && age < SIX_MONTHS_DAYS
  const risk = dep?.conditions?.find((c) => RISK_CONDITION.test(c))
  const rule =
    firstRule([
      [u3m && feverish, 'FEVER-U3M', 'under 3 months, a temperature of 38 °C (100.4 °F) or more needs a doctor now'],
      [
        u3m && (low?.celsius ?? LOW_C) < LOW_C,
        'FEVER-U3M-LOW',
        'under 3 months, a temperature under 36 °C needs a doctor now',
      ],
      [m3to6 && maxC >= FEVER_3_6M_C, 'FEVER-3-6M', 'at 3 to 6 months, 39 °C (102.2 °F) or more needs a doctor now'],
      [maxC >= ANY_AGE_C, 'FEVER-ANY-40', 'a temperature of 40 °C (104 °F) or more needs a doctor now'],
      [feverish && risk !== undefined, 'FEVER-RISK', `with ${risk} on record, any fever needs a doctor now`],
      [
        feverish && occurs(CALL_NOW_SIGN, f.normalised),
        'FEVER-CALL-NOW-SIGNS',
        'a fever with that sign needs a doctor now',
      ],
    ]) ?? (feverish ? durationRule(dep, age, f) : undefined)
  if (rule) return urgent(rule[0], rule[1], dep, age, rule[0] === 'FEVER-U3M-LOW' ? low : high, f.locale, u3m)
  if (m3to6 && maxC >= DISPUTED_3_6M_C) return disputed(dep, age, high, f.locale)
  return undefined
}

const firstRule = (rules: [boolean, string, string][]): [string, string] | undefined => {
  const hit = rules.find(([fires]) => fires)
  return hit ? [hit[1], hit[2]] : undefined
}

/** FEVER-DUR-*: the fever's age from the record (compared with >) or the text (compared with ≥, see 0013). */
function durationRule(dep: GateDependent | undefined, age: number | undefined, f: FeverFacts) {
  const hours = feverHours(dep, f)
  const over2 = age !== undefined && age >= TWO_YEARS_DAYS
  const limit = over2 ? DUR_2Y_HOURS : DUR_U2Y_HOURS
  if (hours === undefined || hours.value < limit || (!hours.stated && hours.value === limit)) return undefined
  return over2
    ? (['FEVER-DUR-2Y', 'a fever lasting more than 3 days needs a doctor'] as [string, string])
    : (['FEVER-DUR-U2Y', 'under age 2, a fever lasting more than 24 hours needs a doctor'] as [string, string])
}

function feverHours(dep: GateDependent | undefined, f: FeverFacts) {
  const since = dep?.feverSince?.getTime()
  const recorded = since !== undefined && !Number.isNaN(since) ? (f.now.getTime() - since) / 3_600_000 : undefined
  if (f.statedHours !== undefined && (recorded === undefined || f.statedHours >= recorded)) {
    return { value: f.statedHours, stated: true }
  }
  return recorded === undefined ? undefined : { value: recorded, stated: false }
}

function urgent(
  ruleId: string,
  why: string,
  dep: GateDependent | undefined,
  age: number | undefined,
  r: Reading | undefined,
  locale: string,
  u3m: boolean,
): GateFinding {
  const name = dep?.name ?? 'Your child'
  const ageText = age === undefined ? '' : ` (${describeAge(age)})`
  const reading = r ? ` has a temperature of ${formatTemperature(r)}` : ' has a fever'
  const details: Record<string, number | string> = {}
  if (r) Object.assign(details, { celsius: r.celsius, unit: r.unit, value: r.value }, r.site ? { site: r.site } : {})
  if (age !== undefined) details.ageDays = age
  return {
    tier: 'urgent_fever',
    ruleId,
    ...(dep ? { dependentId: dep.id } : {}),
    reply: `${name}${ageText}${reading}: ${why}. ${doctorAdvice(locale, dep?.providerPhone, u3m)}`,
    alert: `Urgent: ${name}${ageText}${reading}. The sender was told to contact the doctor now.`,
    details,
  }
}

function disputed(dep: GateDependent | undefined, age: number | undefined, r: Reading | undefined, locale: string) {
  const name = dep?.name ?? 'Your child'
  const reading = r ? formatTemperature(r) : 'a fever'
  const advice = doctorAdvice(locale, dep?.providerPhone, false).split('. ')[0]
  const finding: GateFinding = {
    tier: 'routine_log',
    ruleId: 'FEVER-3-6M-DISPUTED',
    ...(dep ? { dependentId: dep.id } : {}),
    reply: `${name} is at ${reading}. At 3 to 6 months advice differs (US: call from 38.3 °C, NHS: from 39 °C). If you're unsure or ${name} seems unwell: ${advice}.`,
    alert: `${name} is at ${reading} (3 to 6 months old). Please check in with the sender.`,
    details: { ...(r ? { celsius: r.celsius } : {}), ...(age !== undefined ? { ageDays: age } : {}) },
  }
  return finding
}
