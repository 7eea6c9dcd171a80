/**
 * The single checks of the dose guard, each returning the problem it finds (a rule ID and one sentence).
 * dose.ts runs them and turns the problems into a finding.
 */
import type { DoseMention } from './dose-parse.js'
import {
  bandDoseMg,
  type DrugLimits,
  strengthsFor,
  UK_APAP_2_3M,
  UK_APAP_FULL_DAYS,
  UK_IBU_MIN_WEIGHT_KG_EXCLUSIVE,
} from './dose-rules.js'
import { SIX_MONTHS_DAYS } from './fever.js'
import { formatWait, isUk, region } from './replies.js'
import type { DoseEvent, Drug, GateDependent } from './types.js'

export interface Problem {
  ruleId: string
  text: string
}

/** What every check needs to know about this dose. */
export interface DoseCase {
  drug: Drug
  m: DoseMention
  dep: GateDependent | undefined
  age: number | undefined
  locale: string
  /** "acetaminophen" / "paracetamol" / "ibuprofen", as the family's locale says it. */
  label: string
  /** The dependent's name, or "your child". */
  name: string
  limits: DrugLimits
}

const ruleOf = (drug: Drug, what: 'AGE' | 'INTERVAL' | 'MAX24' | 'MGKG') =>
  `DOSE-${drug === 'acetaminophen' ? 'APAP' : 'IBU'}-${what}`

/** DOSE-*-AGE: under the minimum age, or (en-GB) under the weight the NHS requires at that age. */
export function ageProblem(c: DoseCase): Problem | undefined {
  if (c.age === undefined) return undefined
  const uk = isUk(c.locale)
  if (c.age < c.limits.minAgeDays) {
    const limit = c.drug === 'acetaminophen' ? (uk ? '2 months' : '12 weeks') : uk ? '3 months' : '6 months'
    const text = `Don't give ${c.label} to ${c.name} without a doctor's OK: it is not for babies under ${limit}.`
    return { ruleId: ruleOf(c.drug, 'AGE'), text }
  }
  if (uk && c.drug === 'acetaminophen' && c.age < UK_APAP_FULL_DAYS) return ukYoungParacetamol(c)
  if (uk && c.drug === 'ibuprofen' && c.age < SIX_MONTHS_DAYS) return ukYoungIbuprofen(c)
  return undefined
}

const askWeight = (c: DoseCase) => (c.dep?.weightKg === undefined ? ` What does ${c.name} weigh?` : '')

function ukYoungParacetamol(c: DoseCase): Problem | undefined {
  const limit = UK_APAP_2_3M
  const w = c.dep?.weightKg
  const tooMuch = (c.m.ml ?? 0) > limit.maxMl || (c.m.mg ?? 0) > limit.maxMl * limit.mgPerMl
  if (w !== undefined && w > limit.minWeightKgExclusive && !tooMuch) return undefined
  const text = `At 2 to 3 months, ${c.label} is only for babies over 4 kg born after 37 weeks: 2.5 ml of infant paracetamol, at most twice in 24 hours.${askWeight(c)}`
  return { ruleId: ruleOf(c.drug, 'AGE'), text }
}

function ukYoungIbuprofen(c: DoseCase): Problem | undefined {
  const w = c.dep?.weightKg
  if (w !== undefined && w > UK_IBU_MIN_WEIGHT_KG_EXCLUSIVE) return undefined
  return {
    ruleId: ruleOf(c.drug, 'AGE'),
    text: `Ibuprofen is only for babies who weigh more than 5 kg.${askWeight(c)}`,
  }
}

/** DOSE-*-INTERVAL: the nearest dose of the same drug, before or after this one, is closer than the interval. */
export function intervalProblem(c: DoseCase, at: number, history: DoseEvent[]): Problem | undefined {
  const nearest = nearestDose(at, history)
  if (!nearest) return undefined
  const gap = Math.abs(at - nearest.at.getTime())
  if (gap >= c.limits.intervalMs) return undefined
  const by = nearest.givenBy ? ` (given by ${nearest.givenBy})` : ''
  const text =
    c.m.intent === 'given'
      ? `That dose was too soon: only ${formatWait(gap)} from the last ${c.label}${by}.`
      : `Too soon for more ${c.label}: the last dose was ${formatWait(gap)} ago${by}.`
  return { ruleId: ruleOf(c.drug, 'INTERVAL'), text }
}

export function nearestDose(at: number, history: DoseEvent[]): DoseEvent | undefined {
  const gap = (d: DoseEvent) => Math.abs(at - d.at.getTime())
  return history.reduce<DoseEvent | undefined>((a, d) => (!a || gap(d) < gap(a) ? d : a), undefined)
}

/** DOSE-*-MAX24: counting this one, more doses than allowed in the 24 h before it. */
export function countProblem(c: DoseCase, count: number): Problem | undefined {
  if (count <= c.limits.max24h) return undefined
  const verb = c.m.intent === 'given' ? 'That was' : 'That would be'
  const text = `${verb} dose ${count} of ${c.label} in 24 hours; the limit is ${c.limits.max24h}.`
  return { ruleId: ruleOf(c.drug, 'MAX24'), text }
}

export interface AmountCheck {
  problem?: Problem
  mgPerKg?: number
  warnings: string[]
}

/**
 * DOSE-*-MGKG, when the weight and the strength are known. Otherwise a warning that asks for what is missing:
 * §2.2 "Unknown weight → warn and ask for the weight; do not confirm"; above the US weight band → warn.
 */
export function amountCheck(c: DoseCase): AmountCheck {
  const ml = c.m.ml
  const strengths = c.m.mg !== undefined ? [] : strengthsFor(c.drug, c.m, c.locale, c.dep?.mgPerMl?.[c.drug])
  const doses = c.m.mg !== undefined ? [c.m.mg] : ml !== undefined ? strengths.map((s) => s * ml) : []
  const w = c.dep?.weightKg
  if (ml !== undefined && c.m.mg === undefined && !strengths.length) {
    return { warnings: [`I don't know the strength of that ${c.label}, so I can't check the amount.`] }
  }
  if (!doses.length) return { warnings: [] }
  if (w === undefined || w <= 0) {
    return { warnings: c.dep ? [`I don't have ${c.name}'s weight, so I can't check the amount.${askWeight(c)}`] : [] }
  }
  const mg = Math.max(...doses)
  const mgPerKg = Math.round((mg / w) * 100) / 100
  if (mgPerKg > c.limits.maxMgPerKg) return { mgPerKg, warnings: [], problem: overLimit(c, mg, w, doses.length > 1) }
  const band = region(c.locale) === 'GB' ? undefined : bandDoseMg(c.drug, w)
  const above = band !== undefined && mg > band + 0.5
  return { mgPerKg, warnings: above ? [`That is more than the usual ${band} mg for ${w} kg.`] : [] }
}

function overLimit(c: DoseCase, mg: number, w: number, ambiguous: boolean): Problem {
  const most = Math.floor(c.limits.maxMgPerKg * w)
  const over = `more than ${c.limits.maxMgPerKg} mg/kg for ${w} kg (at most ${most} mg)`
  const text = ambiguous
    ? `If that was infant drops (50 mg per 1.25 ml), ${c.m.ml} ml is ${Math.round(mg)} mg: ${over}. Children's ibuprofen (100 mg per 5 ml) would be ${Math.round(mg / 2)} mg. Which one was it?`
    : `That is ${Math.round(mg)} mg: ${over}.`
  return { ruleId: ruleOf(c.drug, 'MGKG'), text }
}
