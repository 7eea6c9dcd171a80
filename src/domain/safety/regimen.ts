/**
 * The dose guard for a plan rather than a dose: a regimen proposed from a prescription photo is checked
 * against the same DOSE-* limits (health-facts.md §2.2, §8) before its reminders are offered, and again
 * when it is confirmed. Reminders that would prompt doses too close together, too many a day, too much
 * per kg or at an age the reference rules out are not set up.
 */
import { drugKey } from '../medications/drugs.js'
import type { MedicationSchedule } from '../medications/schema.js'
import { ASPIRIN_MIN_AGE_DAYS, limitsFor } from './dose-rules.js'
import { isUk } from './replies.js'
import type { Drug } from './types.js'

const HOUR = 3_600_000

/** What the check needs of the plan. */
export interface RegimenPlan {
  name: string
  strength?: string
  doseAmount?: number
  doseUnit?: string
  schedule: MedicationSchedule
}

/** What the check needs of the person: age in days (from the birth date) and the latest weight. */
export interface RegimenSubject {
  name: string
  ageDays?: number
  weightKg?: number
}

/** The problems with the plan, one plain sentence each, with the rule ID; empty when it passes. */
export function regimenProblems(
  plan: RegimenPlan,
  who: RegimenSubject,
  locale: string,
): { ruleId: string; text: string }[] {
  const key = drugKey(plan.name)
  // DOSE-NO-ASPIRIN — [LVP-DOSING] "Aspirin should not be used in children"; under 18 years (dose-rules.ts).
  if (key === 'aspirin' && who.ageDays !== undefined && who.ageDays < ASPIRIN_MIN_AGE_DAYS) {
    return [
      { ruleId: 'DOSE-NO-ASPIRIN', text: `Aspirin is not for children, so I won't set up reminders for ${who.name}.` },
    ]
  }
  if (key !== 'acetaminophen' && key !== 'ibuprofen') return []
  const drug: Drug = key
  const label = drug === 'acetaminophen' ? (isUk(locale) ? 'paracetamol' : 'acetaminophen') : 'ibuprofen'
  const rule = (what: string) => `DOSE-${drug === 'acetaminophen' ? 'APAP' : 'IBU'}-${what}`
  const limits = limitsFor(drug, locale, who.ageDays)
  const problems: { ruleId: string; text: string }[] = []
  if (who.ageDays !== undefined && who.ageDays < limits.minAgeDays) {
    problems.push({
      ruleId: rule('AGE'),
      text: `${label} is not for a baby as young as ${who.name} without a doctor's OK.`,
    })
  }
  const { perDay, shortestGapMs } = spacing(plan.schedule)
  if (shortestGapMs !== undefined && shortestGapMs < limits.intervalMs) {
    const hours = limits.intervalMs / HOUR
    problems.push({
      ruleId: rule('INTERVAL'),
      text: `those times put doses of ${label} less than ${hours} hours apart.`,
    })
  }
  if (perDay > limits.max24h) {
    problems.push({
      ruleId: rule('MAX24'),
      text: `${perDay} doses of ${label} a day is over the limit of ${limits.max24h}.`,
    })
  }
  const mg = doseMg(plan)
  if (mg !== undefined && who.weightKg !== undefined && who.weightKg > 0 && mg / who.weightKg > limits.maxMgPerKg) {
    problems.push({
      ruleId: rule('MGKG'),
      text: `${Math.round(mg)} mg is more than ${limits.maxMgPerKg} mg/kg for ${who.weightKg} kg.`,
    })
  }
  return problems
}

/** Doses a day and the shortest gap between two of them (around midnight too) that the schedule prompts. */
function spacing(s: MedicationSchedule): { perDay: number; shortestGapMs?: number } {
  if (s.kind === 'as_needed') return { perDay: 0 }
  if (s.kind === 'interval') return { perDay: Math.floor(24 / s.hours), shortestGapMs: s.hours * HOUR }
  const minutes = [...new Set(s.times)]
    .map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)))
    .sort((a, b) => a - b)
  if (minutes.length < 2) return { perDay: minutes.length }
  // Each time's gap from the one before it; the first one's is from the last one of the day before.
  const previous = (i: number) => (i === 0 ? (minutes.at(-1) ?? 0) - 24 * 60 : (minutes[i - 1] ?? 0))
  const shortest = Math.min(...minutes.map((m, i) => m - previous(i)))
  return { perDay: minutes.length, shortestGapMs: shortest * 60_000 }
}

/**
 * The single dose in mg: given in mg, mL times the strength's mg per mL ("160 mg/5 mL"), or tablets
 * (capsules, chewables) times the strength's mg each ("325 mg").
 */
export function doseMg(plan: RegimenPlan): number | undefined {
  if (plan.doseAmount === undefined) return undefined
  if (plan.doseUnit === 'mg') return plan.doseAmount
  if (!plan.strength) return undefined
  if (/^(?:tablet|tab|capsule|cap|chewable|pill)s?$/i.test(plan.doseUnit ?? '')) {
    // "325 mg" per unit; not a liquid's "160 mg/5 mL".
    const each = /^\s*(\d+(?:\.\d+)?)\s*mg\s*(?:tablets?|tabs?|capsules?|caps?|chewables?)?\s*$/i.exec(plan.strength)
    return each ? Number(each[1]) * plan.doseAmount : undefined
  }
  if (plan.doseUnit !== 'ml') return undefined
  const m = /(\d+(?:\.\d+)?)\s*mg\s*(?:\/|per)\s*(\d+(?:\.\d+)?)?\s*ml/i.exec(plan.strength)
  if (!m) return undefined
  return (Number(m[1]) / Number(m[2] ?? 1)) * plan.doseAmount
}
