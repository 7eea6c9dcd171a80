/**
 * The dose guard (DOSE-*): a dose given or asked about is checked against the age limit, the interval since
 * the last dose of the same drug given by anyone, the count in a rolling 24 h, and the mg/kg ceiling when the
 * weight and the product's strength are known. A different drug never blocks (health-facts.md §2.2 "Giving both").
 */

import { allergyConflict, allergyText } from './allergy.js'
import { ageProblem, amountCheck, countProblem, type DoseCase, intervalProblem, type Problem } from './dose-checks.js'
import type { DoseMention } from './dose-parse.js'
import { ASPIRIN_MIN_AGE_DAYS, limitsFor } from './dose-rules.js'
import { emergencyNumber, formatWait, isUk, region } from './replies.js'
import { ageDays } from './subject.js'
import type { DoseEvent, Drug, GateDependent, GateFinding, GateInput } from './types.js'

const DAY_MS = 86_400_000

/** One finding for a mention and a dependent (undefined when the family has none on record). */
export function checkDose(m: DoseMention, dep: GateDependent | undefined, input: GateInput): GateFinding | undefined {
  const age = ageDays(dep, input)
  const name = dep?.name ?? 'your child'
  if (m.drug === 'aspirin') return aspirin(m, dep, age, name, input.locale)
  const drug: Drug = m.drug
  const label = drugName(drug, input.locale)
  const c: DoseCase = {
    drug,
    m,
    dep,
    age,
    locale: input.locale,
    label,
    name,
    limits: limitsFor(drug, input.locale, age),
  }
  const now = input.now.getTime()
  // When the dose was given: the caller's parsed time, "20 min ago", or now. A question is about now.
  const at = m.intent === 'given' ? (input.doseAt?.getTime() ?? now - (m.minutesAgo ?? 0) * 60_000) : now
  const history = (input.doseHistory ?? []).filter(
    (d) => d.dependentId === dep?.id && d.drug === drug && d.at.getTime() <= now,
  )
  // Rolling 24 h: doses after (at − 24 h), this one included. One given exactly 24 h before no longer counts.
  const count = history.filter((d) => d.at.getTime() > at - DAY_MS).length + 1
  const amount = amountCheck(c)
  const problems = [
    allergyProblem(drug, dep, label, name),
    ageProblem(c),
    intervalProblem(c, at, history),
    countProblem(c, count),
    amount.problem,
  ].filter((p): p is Problem => p !== undefined)
  const warnings = [...amount.warnings]
  if (age === undefined && dep) warnings.push(`I don't have ${name}'s birth date, so I can't check the age limit.`)

  const times = [...history.map((d) => d.at.getTime()), ...(m.intent === 'given' ? [at] : [])]
  const noNextDose = problems.some((p) => p.ruleId.endsWith('-AGE')) || !times.length
  const next = noNextDose ? undefined : nextAllowed(times, c.limits.intervalMs, c.limits.max24h)
  const details = doseDetails(c, count, at, history, amount.mgPerKg)
  if (!problems.length) return okFinding(c, warnings, next, details)
  return blockedFinding(c, problems, next, now, details, input.locale)
}

/**
 * The earliest time the next dose is allowed: the interval after the latest dose, and no more than `max24h`
 * doses in any 24 h, so at least 24 h after the max24h-th most recent dose.
 */
export function nextAllowed(times: number[], intervalMs: number, max24h: number): number {
  const desc = [...times].sort((a, b) => b - a)
  const byInterval = (desc[0] ?? 0) + intervalMs
  const kth = desc[max24h - 1]
  return kth === undefined ? byInterval : Math.max(byInterval, kth + DAY_MS)
}

export function drugName(drug: Drug, locale: string): string {
  return drug === 'acetaminophen' ? (isUk(locale) ? 'paracetamol' : 'acetaminophen') : 'ibuprofen'
}

// DOSE-NO-ASPIRIN — [LVP-DOSING] "Aspirin should not be used in children to treat fever or pain".
// An adult's aspirin is checked against their allergies only (DOSE-ALLERGY).
function aspirin(
  m: DoseMention,
  dep: GateDependent | undefined,
  age: number | undefined,
  name: string,
  locale: string,
): GateFinding | undefined {
  const given = m.intent === 'given'
  if (age === undefined || age >= ASPIRIN_MIN_AGE_DAYS) {
    const allergy = allergyProblem('aspirin', dep, 'aspirin', name)
    if (!allergy) return undefined
    const finding: GateFinding = {
      tier: 'dose_blocked',
      ruleId: allergy.ruleId,
      reply: allergy.text + (given ? allergyAdvice(locale) : ''),
      alert: `${name}: aspirin ${given ? 'was given' : 'was asked about'}. ${allergy.text}`,
      details: { drug: 'aspirin', intent: m.intent },
    }
    return dep ? { ...finding, dependentId: dep.id } : finding
  }
  const reply = `Don't give aspirin to ${name}: aspirin is not for children. Ask your doctor or pharmacist what to use.`
  const alert = `${name}: aspirin ${given ? 'was given' : 'was asked about'}. Aspirin is not for children.`
  const finding: GateFinding = { tier: 'dose_blocked', ruleId: 'DOSE-NO-ASPIRIN', reply, alert }
  return dep ? { ...finding, dependentId: dep.id } : finding
}

/**
 * DOSE-ALLERGY: the drug, or a group its label names, is among the dependent's recorded allergies
 * (allergy.ts, with its sources). A warning to ask first, never a diagnosis.
 */
function allergyProblem(
  drug: Drug | 'aspirin',
  dep: GateDependent | undefined,
  label: string,
  name: string,
): Problem | undefined {
  const conflict = dep?.allergies?.length ? allergyConflict(drug, dep.allergies) : undefined
  if (!conflict) return undefined
  const why = conflict.why ? ` (${conflict.why})` : ''
  return {
    ruleId: 'DOSE-ALLERGY',
    text: `${name} has an allergy to ${allergyText(conflict.allergy)} on record${why}. Don't give ${label} without a doctor's or pharmacist's OK.`,
  }
}

/**
 * After a dose was given despite a recorded allergy: what to watch for and when to call. [CHOP-ANAPH]
 * signs of anaphylaxis ("swelling of the throat, lips or tongue… wheeze or difficulty breathing; hives")
 * and "Call 911"; health-facts §3.1.
 */
export function allergyAdvice(locale: string, also = ''): string {
  const call = emergencyNumber(locale) ?? 'your local emergency number'
  return ` Watch for hives, swelling of the lips, face or tongue, wheezing or trouble breathing: if you see any, call ${call} now. Otherwise call your doctor or pharmacist${also}.`
}

/** US Poison Control, for a dose that broke a limit ([CHOP-EMERG] 800-222-1222). */
const poisonControl = (locale: string) => (region(locale) === 'US' ? ' or Poison Control (1-800-222-1222)' : '')

function doseDetails(c: DoseCase, count: number, at: number, history: DoseEvent[], mgPerKg: number | undefined) {
  const details: Record<string, number | string> = { drug: c.drug, intent: c.m.intent, dosesIn24h: count }
  const last = history.reduce((a, d) => Math.max(a, d.at.getTime()), Number.NEGATIVE_INFINITY)
  if (Number.isFinite(last)) details.minutesSinceLastDose = Math.floor(Math.abs(at - last) / 60_000)
  if (mgPerKg !== undefined) details.mgPerKg = Math.round(mgPerKg * 10) / 10
  if (c.m.ml !== undefined) details.ml = c.m.ml
  if (c.m.mg !== undefined) details.mg = c.m.mg
  return details
}

function okFinding(
  c: DoseCase,
  warnings: string[],
  next: number | undefined,
  details: Record<string, number | string>,
) {
  const finding: GateFinding = { tier: 'dose_ok', ruleId: 'DOSE-OK', details }
  if (c.dep) finding.dependentId = c.dep.id
  if (warnings.length) finding.reply = warnings.join(' ')
  // A logged dose tells the caregiver when the next one is allowed; an allowed question needs no time.
  if (c.m.intent === 'given' && next !== undefined) finding.nextDoseAllowedAt = new Date(next)
  return finding
}

function blockedFinding(
  c: DoseCase,
  problems: Problem[],
  next: number | undefined,
  now: number,
  details: Record<string, number | string>,
  locale: string,
): GateFinding {
  const allergic = problems.some((p) => p.ruleId === 'DOSE-ALLERGY')
  // With an allergy on record there is no "next dose" to offer.
  const nextAt = allergic ? undefined : next
  const wait = nextAt !== undefined && nextAt > now ? ` The next dose is allowed in ${formatWait(nextAt - now)}.` : ''
  // A dose already given that broke a limit: the sender should ask someone who can judge it (Poison
  // Control too when it was too much or too soon, not for an allergy alone).
  const poison = problems.some((p) => p.ruleId !== 'DOSE-ALLERGY') ? poisonControl(locale) : ''
  const first = problems[0] as Problem
  const advice =
    c.m.intent !== 'given'
      ? ''
      : allergic
        ? allergyAdvice(locale, poison)
        : ` Please check with your doctor or pharmacist${poison}.`
  // The parents hear every problem when an allergy is one of them; otherwise the first, as before.
  const alertText = allergic ? problems.map((p) => p.text).join(' ') : first.text
  const finding: GateFinding = {
    tier: 'dose_blocked',
    ruleId: first.ruleId,
    reply: problems.map((p) => p.text).join(' ') + wait + advice,
    alert: `${c.dep?.name ?? 'A child'}: ${c.label} ${c.m.intent === 'given' ? 'was given' : 'was asked about'}. ${alertText}${wait}`,
    details: { ...details, rules: problems.map((p) => p.ruleId).join(',') },
  }
  if (c.dep) finding.dependentId = c.dep.id
  if (nextAt !== undefined) finding.nextDoseAllowedAt = new Date(nextAt)
  return finding
}
