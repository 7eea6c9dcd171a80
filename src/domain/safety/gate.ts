/**
 * The red-flag gate: a pure function from a message and the family's record to one outcome, decided by the
 * reference's precedence (health-facts.md §8): emergency > urgent_fever > urgent_other > dose_blocked > dose_ok >
 * routine_log > not_a_red_flag. No database, no clock, no model. See docs/decisions/0013-red-flag-gate.md.
 */
import { checkDose } from './dose.js'
import { findDoses } from './dose-parse.js'
import { type EmergencyHit, findEmergency } from './emergency.js'
import { FEVER_C, type FeverFacts, feverFinding, reportsFever, statedFeverHours } from './fever.js'
import { emergencyWords, formatTemperature } from './replies.js'
import { looksLikeLog } from './routine.js'
import { ageDays, byAge, type Candidates, candidates, isMaternal, ownerAt } from './subject.js'
import { extractTemperatures, type Reading } from './temperature.js'
import { editDistance, normalise, subjectBefore } from './text.js'
import { type GateDependent, type GateFinding, type GateInput, type GateOutcome, TIERS } from './types.js'
import { urgentFinding } from './urgent.js'

export function evaluateGate(input: GateInput): GateOutcome {
  const text = normalise(input.text)
  const who = candidates(input, text)
  const names = input.dependents
    .flatMap((d) => [d.name, ...d.nicknames])
    .map(normalise)
    .filter((n) => n.length > 1)
  const maternalRecord = isMaternal(input)
  const readings = extractTemperatures(text)
  // A basal body temperature ("BBT 35.8") is the sender's own cycle tracking, not a child's reading.
  const basal = (r: Reading) => isBasal(r, text, names)
  // A reading the sender gives of herself ("my temp is 38.3", and her BBT) is hers, not a child's.
  const own = maternalRecord
    ? readings.filter((r) => basal(r) || (subjectBefore(r.sentence, r.index, names) === 'self' && !aboutAChild(r)))
    : []
  const childReadings = readings.filter((r) => !own.includes(r) && !basal(r))
  const findings: GateFinding[] = []

  const hit = findEmergency(text, { maternalRecord, dependentNames: names })
  if (hit) findings.push(emergencyFinding(hit, who, input))
  const ownFever = own.find((r) => r.celsius >= FEVER_C)
  if (!hit && ownFever) findings.push(maternalFever(ownFever, input.locale))

  // "BBT 37.2, fever?": her cycle log's note, when the message refers to no child (isBasal).
  const ownBasalLog = BASAL.test(text) && !refersToChild(text, names)
  const facts: FeverFacts = {
    readings: childReadings,
    // A fever said in words counts only when no number was given ("Sam has a fever of 38.9, Maya is fine").
    reported: !childReadings.length && !ownBasalLog && reportsFever(text),
    normalised: text,
    now: input.now,
    locale: input.locale,
    ...optional('statedHours', statedFeverHours(text)),
  }
  if (childReadings.length || facts.reported) push(findings, worstFever(who, facts, input))
  push(findings, urgentFinding(text, byAge(who.list, input), input, names))
  for (const mention of findDoses(text, names)) {
    push(
      findings,
      worstDose(who, input, (dep) => checkDose(mention, dep, input)),
    )
  }
  if (looksLikeLog(text, readings.length > 0)) {
    const high = childReadings.reduce<Reading | undefined>((a, r) => (!a || r.celsius > a.celsius ? r : a), undefined)
    findings.push({ tier: 'routine_log', ruleId: 'LOG-ROUTINE', ...(high ? { details: readingDetails(high) } : {}) })
  }
  return outcome(findings)
}

/**
 * Her basal temperature, not a child's. When in doubt it is a child's, and the fever rules apply:
 * - the BBT thermometer used as a thermometer ("checked Maya with my bbt thermometer: 38.3") → a child's;
 * - a message that refers to no child (no name or nickname, even misspelt by a letter; no child word,
 *   age, or a site used on children) and mentions BBT is her cycle log: its readings are hers, except a
 *   number said as a fever ("bbt 36.5, fever 38.9"), which is a child's;
 * - where a child is referred to, only the BBT's own number is hers — right after "bbt" with nothing
 *   about a child before it anywhere in the message ("bbt 35.8, up with maya all night") or right
 *   before it ("35.8 bbt") — so "bbt 36.5, maya has a fever" is still Maya's fever in words, and "maya:
 *   bbt 38.4", "Maya feels warm. bbt 38.4" and "bbt 36.4 and my 3yo is 40.3" are the child's readings
 *   (and "Maya woke at 5 so my bbt is off: 35.8" an alarm she did not need: the price of never missing).
 * Reviews shaped this (docs/decisions/0028, "Disturbed readings"): a rule by sentence missed "Maya feels
 * hot. bbt thermometer says 38.4"; a rule by position alone raised infant alarms for "bbt today 35.8".
 */
function isBasal(r: Reading, text: string, names: string[]): boolean {
  if (!BASAL.test(text) || BBT_AS_DEVICE.test(text)) return false
  const before = r.sentence.slice(0, r.index)
  if (!refersToChild(text, names)) return !FEVER_BEFORE.test(before)
  // A child before the number anywhere in the message ("Maya feels warm. bbt 38.4") makes it the child's.
  const earlier = text.slice(0, Math.max(0, text.indexOf(r.sentence))) + before
  if (refersToChild(earlier, names)) return false
  return BASAL_NEAR_BEFORE.test(before) || BASAL_RIGHT_AFTER.test(r.sentence.slice(r.index))
}
const BASAL = /\bbbts?(?:\b|(?=\d))|\bbasal\b/
const FEVER_BEFORE = /\bfever(?:ish)?\s*(?:of|is|was|at|:|=)?\s*$/
/** "bbt 35.8", "bbt was low today 35.8", "my bbt is off: 35.8": a few words at most, no other number. */
const BASAL_NEAR_BEFORE = /\b(?:bbts?|basal(?:\s+body)?(?:\s+temp(?:erature)?)?)(?:[^.;\d]{0,30})$/
/** "35.8 bbt", "36.9 °C bbt". */
const BASAL_RIGHT_AFTER = /^\d{2,3}(?:[.,]\d{1,2})?\s*(?:°\s*)?(?:[cf]\b)?\s*\(?(?:bbts?|basal)\b/
const BBT_AS_DEVICE = /\bbbt thermometer\b|\b(?:with|on|using|by) (?:the |my |a )?bbt\b/

/** "my 7 week old is 38.3", "checked with my bbt thermometer: 38.3": the "my" is not her own temperature. */
function aboutAChild(r: Reading): boolean {
  const before = r.sentence.slice(0, r.index)
  return CHILD_REF.test(before) || BBT_AS_DEVICE.test(before)
}

/** A child anywhere in `text`: a name or nickname (misspelt by a letter too), a child word or age, a child's site. */
function refersToChild(text: string, names: string[]): boolean {
  if (CHILD_REF.test(text)) return true
  const words = text.split(/[^\p{L}]+/u).filter((w) => w.length >= 3)
  return names.some((name) =>
    name.split(/[^\p{L}]+/u).some((part) => {
      if (part.length < 3) return false
      const stem = (w: string) => w.replace(/(?:'s|’s|s)$/, '')
      return words.some((w) => w === part || stem(w) === part || (part.length >= 4 && editDistance(w, part, 1) <= 1))
    }),
  )
}
/** Words for a child or a child's age, and measuring sites used on children (a BBT is taken orally). */
const CHILD_REF =
  /\b(?:bab(?:y|ys|ies)|bby|sons?|daughters?|boys?|girls?|kids?|kiddos?|child(?:ren)?|toddlers?|newborns?|infants?|twins|lo|ds|dd|bub|youngest|oldest|eldest|(?:little|lil|wee) (?:one|guy|man|girl|boy)|he|she|him|her|his|hes|shes|they|them|theyre|\d+[\s-]*(?:weeks?|wks?|months?|mos?|days?|years?|yrs?|yo)(?:[\s-]*old)?|rectal(?:ly)?|armpit|axillary|forehead|temporal|ear|tympanic)\b/

const push = (list: GateFinding[], f: GateFinding | undefined) => {
  if (f) list.push(f)
}
const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>
const rank = (f: GateFinding) => TIERS.indexOf(f.tier)

function outcome(found: GateFinding[]): GateOutcome {
  const findings = [...found].sort((a, b) => rank(a) - rank(b))
  const primary = findings[0] ?? { tier: 'not_a_red_flag', ruleId: 'NONE' }
  // An urgent reply also carries a dose warning (§8: a 2-month-old at 38.3 °C and a Tylenol question is
  // urgent_fever, and the parent still needs to hear "not under 12 weeks"); several dose findings are joined.
  const extra =
    primary.tier === 'emergency'
      ? []
      : findings.filter((f) => f !== primary && f.reply && (f.tier === 'dose_blocked' || f.tier === primary.tier))
  const reply = [primary.reply, ...extra.map((f) => f.reply)].filter(Boolean).join(' ') || undefined
  const alertParents = rank(primary) <= TIERS.indexOf('dose_blocked') || primary.alert !== undefined
  return {
    tier: primary.tier,
    ruleId: primary.ruleId,
    ...optional('dependentId', primary.dependentId),
    ...optional('reply', reply),
    alertParents,
    ...optional('alert', alertParents ? primary.alert : undefined),
    ...optional('nextDoseAllowedAt', primary.nextDoseAllowedAt),
    ...optional('details', primary.details),
    findings: findings.length ? findings : [primary],
  }
}

function emergencyFinding(hit: EmergencyHit, who: Candidates, input: GateInput): GateFinding {
  const dep = !hit.maternal && !who.ambiguous && who.list.length === 1 ? who.list[0] : undefined
  const words = emergencyWords(hit.sign, hit.maternal, input.locale, dep?.name)
  return {
    tier: 'emergency',
    ruleId: hit.sign.id,
    ...optional('dependentId', dep?.id),
    ...words,
    details: { sign: hit.sign.label, about: hit.maternal ? 'sender' : 'dependent' },
  }
}

// EMERG-MATERNAL-FEVER — [CDC-HEARHER] "Fever of 100.4 °F or higher"; [AWHONN-POSTBIRTH] "temperature of 100.4 °F".
function maternalFever(r: Reading, locale: string): GateFinding {
  const sign = { id: 'EMERG-MATERNAL-FEVER', label: `a temperature of ${formatTemperature(r)}`, patterns: [] }
  return {
    tier: 'emergency',
    ruleId: sign.id,
    ...emergencyWords(sign, true, locale, undefined),
    details: readingDetails(r),
  }
}

const readingDetails = (r: Reading): Record<string, number | string> => ({
  celsius: r.celsius,
  unit: r.unit,
  value: r.value,
  ...(r.site ? { site: r.site } : {}),
})

// Fever rules in order of severity; the first that fires for any candidate wins.
const FEVER_ORDER = ['FEVER-U3M', 'FEVER-U3M-LOW', 'FEVER-3-6M', 'FEVER-ANY-40', 'FEVER-RISK', 'FEVER-CALL-NOW-SIGNS']
FEVER_ORDER.push('FEVER-DUR-U2Y', 'FEVER-DUR-2Y', 'FEVER-3-6M-DISPUTED')

/**
 * Applies the fever rules to every candidate and keeps the most severe. With several dependents and none
 * named, that is at least as strict as judging the youngest (decision 0013), and it also catches an older
 * child's FEVER-RISK condition.
 */
function worstFever(who: Candidates, facts: FeverFacts, input: GateInput): GateFinding | undefined {
  // A reading goes to the dependent the sentence names next to it; a reading that names nobody goes to everyone
  // the message may be about.
  const owned = new Map<GateDependent, Reading[]>()
  const loose: Reading[] = []
  for (const r of facts.readings) {
    const owner = ownerAt(r.sentence, r.index, input)
    if (owner) owned.set(owner, [...(owned.get(owner) ?? []), r])
    else loose.push(r)
  }
  const open = loose.length > 0 || facts.reported || !facts.readings.length
  const deps = [...new Set([...owned.keys(), ...(open ? who.list : [])])]
  const list: (GateDependent | undefined)[] = deps.length ? byAge(deps, input) : [undefined]
  const unsure: Candidates = { list: deps, ambiguous: who.ambiguous && open }
  const found = list
    .map((dep) =>
      feverFinding(dep, ageDays(dep, input), {
        ...facts,
        readings: [...(dep ? (owned.get(dep) ?? []) : []), ...loose],
      }),
    )
    .filter((f): f is GateFinding => f !== undefined)
    .sort((a, b) => FEVER_ORDER.indexOf(a.ruleId) - FEVER_ORDER.indexOf(b.ruleId))
  return ambiguous(found[0], unsure, input)
}

/** The dose check for each candidate; a block for any of them wins (named "if this is for …" when unsure). */
function worstDose(
  who: Candidates,
  input: GateInput,
  check: (dep: GateDependent | undefined) => GateFinding | undefined,
): GateFinding | undefined {
  const deps: (GateDependent | undefined)[] = who.list.length ? who.list : [undefined]
  const found = deps.map(check).filter((f): f is GateFinding => f !== undefined)
  const worst = found.find((f) => f.tier === 'dose_blocked') ?? found[0]
  if (worst && who.ambiguous && worst.tier !== 'dose_blocked') {
    const { dependentId: _, nextDoseAllowedAt: __, ...rest } = worst
    return { ...rest, details: { ...rest.details, ambiguous: 'yes' } }
  }
  return ambiguous(worst, who, input)
}

function ambiguous(f: GateFinding | undefined, who: Candidates, input: GateInput): GateFinding | undefined {
  if (!f || !who.ambiguous) return f
  const name = input.dependents.find((d) => d.id === f.dependentId)?.name
  return {
    ...f,
    ...optional('reply', f.reply && name ? `If this is about ${name}: ${f.reply}` : f.reply),
    details: { ...f.details, ambiguous: 'yes' },
  }
}
