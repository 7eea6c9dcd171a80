/**
 * The dose guard (DOSE-*): a dose given or asked about is checked against the age limit, the interval since
 * the last dose of the same drug given by anyone, the count in a rolling 24 h, and the mg/kg ceiling when the
 * weight and the product's strength are known. A different drug never blocks (health-facts.md §2.2 "Giving both").
 */
import { ageProblem, amountCheck, countProblem, type DoseCase, intervalProblem, type Problem } from './dose-checks.js'
import type { DoseMention } from './dose-parse.js'
import { ASPIRIN_MIN_AGE_DAYS, limitsFor } from './dose-rules.js'
import { formatWait, isUk, region } from './replies.js'
import { ageDays } from './subject.js'
import type { DoseEvent, Drug, GateDependent, GateFinding, GateInput } from './types.js'

const DAY_MS = 86_400_000

/** One finding for a mention and a dependent (undefined when the family has none on record). */
export function checkDose(m: DoseMention, dep: GateDependent | undefined, input: GateInput): GateFinding | undefined {
  const age = ageDays(dep, input)
  const name = dep?.name ?? 'your child'
  if (m.drug === 'aspirin') return aspirin(m, dep, age, name)
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
  const problems = [ageProblem(c), intervalProblem(c, at, history), countProblem(c, count), amount.problem].filter(
    (p): p is Problem => p !== undefined,
  )
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
function aspirin(m: DoseMention, dep: GateDependent | undefined, age: number | undefined, name: string) {
  if (age === undefined || age >= ASPIRIN_MIN_AGE_DAYS) return undefined
  const reply = `Don't give aspirin to ${name}: aspirin is not for children. Ask your doctor or pharmacist what to use.`
  const alert = `${name}: aspirin ${m.intent === 'given' ? 'was given' : 'was asked about'}. Aspirin is not for children.`
  const finding: GateFinding = { tier: 'dose_blocked', ruleId: 'DOSE-NO-ASPIRIN', reply, alert }
  return dep ? { ...finding, dependentId: dep.id } : finding
}

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
  const wait = next !== undefined && next > now ? ` The next dose is allowed in ${formatWait(next - now)}.` : ''
  // A dose already given that broke a limit: the sender should ask someone who can judge it (US Poison Control:
  // [CHOP-EMERG] 800-222-1222).
  const poison = region(locale) === 'US' ? ' or Poison Control (1-800-222-1222)' : ''
  const advice = c.m.intent === 'given' ? ` Please check with your doctor or pharmacist${poison}.` : ''
  const first = problems[0] as Problem
  const finding: GateFinding = {
    tier: 'dose_blocked',
    ruleId: first.ruleId,
    reply: problems.map((p) => p.text).join(' ') + wait + advice,
    alert: `${c.dep?.name ?? 'A child'}: ${c.label} ${c.m.intent === 'given' ? 'was given' : 'was asked about'}. ${first.text}${wait}`,
    details: { ...details, rules: problems.map((p) => p.ruleId).join(',') },
  }
  if (c.dep) finding.dependentId = c.dep.id
  if (next !== undefined) finding.nextDoseAllowedAt = new Date(next)
  return finding
}
