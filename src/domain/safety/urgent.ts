/**
 * urgent_other — signs that need the pediatrician now but are not emergencies and not fever. health-facts.md
 * §4.1 gate choice: "An isolated low diaper count is a reason to call the pediatrician; treat it as urgent, not
 * routine. The product should add an `urgent_other` tier." Issue 4 adds "a newborn not feeding".
 */
import { U3M_MAX_DAYS } from './fever.js'
import { doctorAdvice } from './replies.js'
import { ageDays, describeAge } from './subject.js'
import { isFigurative, isHistorical, isNegated, sentences, subjectBefore, windowBefore } from './text.js'
import type { GateDependent, GateFinding, GateInput } from './types.js'

// URGENT-DEHYD-DIAPER — [NHS-HT-U3M] "Not had a wee or wet nappy in last 8 hours" (under 3 months);
// [NHS-HT-3M+] "for 12 hours if over 3 months old". (MRF lists the 12-hour sign as red; §4.1 keeps it urgent.)
export const NO_WET_HOURS_U3M = 8
export const NO_WET_HOURS = 12
// URGENT-DEHYD-DIAPER — [CARMEL] "fewer than four (4) wet diapers in the past 24 hours"; in the first days of
// life fewer are expected, one per day of life [TX-WIC] (day 1: 1, day 2: 2, day 3: 3).
export const MIN_WET_PER_24H = 4

const N = '(\\d+(?:\\.\\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)'
const WORD_N: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 }
Object.assign(WORD_N, { seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 })
const SPAN = `.{0,25}?\\b(?:in|for|since)(?: the)?(?: last| past)? ${N} ?(?:hours?|hrs?|h)\\b`
const NO_WET = [
  new RegExp(`\\b(?:no|zero|0) (?:wet )?(?:diapers?|nappies|nappy|pees?|wees?)\\b${SPAN}`),
  new RegExp(
    `\\b(?:hasnt|has not|hadnt|not|havent|didnt) (?:had )?(?:a |any )?(?:wet )?(?:diapers?|nappies|nappy|peed|pee|weed|wee|urinated)\\b${SPAN}`,
  ),
  new RegExp(`\\bdry (?:diapers?|nappies|nappy)\\b${SPAN}`),
]
const FEW_WET = new RegExp(
  `\\bonly ${N} (?:wet )?(?:diapers?|nappies|pees?|wees?)\\b.{0,20}\\b(?:in (?:the )?(?:last |past )?24 ?(?:hours?|hrs?|h)|all day|in a day)\\b`,
)
// URGENT-DEHYD-SIGNS — [AAP-DEHYD] mild to moderate dehydration, "notify pediatrician": sunken soft spot,
// fewer tears, parched dry mouth; severe: sunken eyes.
const DEHYD_SIGNS =
  /\bsunken (?:soft ?spot|fontanelle?|eyes|cheeks)\b|\b(?:crying|cries|cry) (?:with )?(?:no|without) tears\b|\bno tears when (?:she|he|they) cr(?:y|ies)\b|\b(?:parched|very dry|really dry|dry,? sticky) (?:mouth|tongue)\b/
// URGENT-FEED-U3M — product rule (issue 4: "a newborn not feeding"); the reference gives no threshold. Under
// 3 months, as [NHS-HT-U3M] groups babies; "too breathless to feed" is an emergency (EMERG-CHILD-BREATHING).
const NOT_FEEDING =
  /\b(?:not|wont|isnt|hasnt|wouldnt|refus\w*) (?:feeding|feed|eating|eat|latching|nursing|taking (?:the |a |her |his |any )?(?:bottles?|breast|feeds?|milk))\b|\btoo (?:sleepy|tired|weak) to (?:feed|eat|nurse)\b/

const number = (s: string | undefined) => Number(s) || WORD_N[s ?? ''] || 0

/** The urgent_other finding for the message, applied to each candidate; the first that fires. */
export function urgentFinding(
  normalised: string,
  list: GateDependent[],
  input: GateInput,
  names: string[],
): GateFinding | undefined {
  const deps: (GateDependent | undefined)[] = list.length ? list : [undefined]
  for (const s of sentences(normalised)) {
    if (isHistorical(s.text)) continue
    for (const dep of deps) {
      const age = ageDays(dep, input)
      const found = check(s.text, age, names)
      if (found) return finding(found.ruleId, found.what, dep, age, input)
    }
  }
  return undefined
}

function check(text: string, age: number | undefined, names: string[]) {
  for (const re of NO_WET) {
    const m = re.exec(text)
    const limit = age === undefined || age < U3M_MAX_DAYS ? NO_WET_HOURS_U3M : NO_WET_HOURS
    if (m && number(m[1]) >= limit && !isFigurative(text, m.index)) {
      return { ruleId: 'URGENT-DEHYD-DIAPER', what: `no wet diaper for ${number(m[1])} hours` }
    }
  }
  const few = FEW_WET.exec(text)
  const expected = age === undefined ? MIN_WET_PER_24H : Math.min(MIN_WET_PER_24H, age + 1)
  if (few && number(few[1]) < expected) {
    return { ruleId: 'URGENT-DEHYD-DIAPER', what: `only ${number(few[1])} wet diapers in 24 hours` }
  }
  const signs = DEHYD_SIGNS.exec(text)
  if (signs && clean(text, signs.index, names)) return { ruleId: 'URGENT-DEHYD-SIGNS', what: 'signs of dehydration' }
  const feed = NOT_FEEDING.exec(text)
  if (feed && age !== undefined && age < U3M_MAX_DAYS && clean(text, feed.index, names)) {
    return { ruleId: 'URGENT-FEED-U3M', what: 'not feeding' }
  }
  return undefined
}

const clean = (text: string, index: number, names: string[]) =>
  !isNegated(windowBefore(text, index)) && !isFigurative(text, index) && subjectBefore(text, index, names) !== 'self'

function finding(
  ruleId: string,
  what: string,
  dep: GateDependent | undefined,
  age: number | undefined,
  input: GateInput,
) {
  const name = dep?.name ?? 'Your child'
  const ageText = age === undefined ? '' : ` (${describeAge(age)})`
  const result: GateFinding = {
    tier: 'urgent_other',
    ruleId,
    ...(dep ? { dependentId: dep.id } : {}),
    reply: `${name}${ageText}: ${what} needs a doctor's advice now. ${doctorAdvice(input.locale, dep?.providerPhone, false)}`,
    alert: `Urgent: ${name}${ageText}, ${what}. The sender was told to contact the doctor now.`,
    details: { sign: what, ...(age !== undefined ? { ageDays: age } : {}) },
  }
  return result
}
