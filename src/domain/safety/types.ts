/**
 * Inputs and outputs of the red-flag gate (docs/decisions/0013-red-flag-gate.md). The gate is pure:
 * everything it needs comes in here, and nothing it decides is written anywhere by it.
 */

/**
 * The outcome tiers, highest first. The order is `gate_rules.precedence` in
 * shared/reference/health-facts.json, plus `urgent_other` (reference §4.1 "The product should add an
 * `urgent_other` tier"; issue 4 "Other urgent signs … get the urgent tier"), placed after urgent_fever.
 */
export const TIERS = [
  'emergency',
  'urgent_fever',
  'urgent_other',
  'dose_blocked',
  'dose_ok',
  'routine_log',
  'not_a_red_flag',
] as const

export type Tier = (typeof TIERS)[number]

export type Drug = 'acetaminophen' | 'ibuprofen'

/** A person the family cares for, as the record knows them at `now`. */
export interface GateDependent {
  id: string
  name: string
  nicknames: string[]
  /** YYYY-MM-DD. Without it no age rule can apply (only FEVER-ANY-40, FEVER-RISK and duration rules). */
  birthDate?: string
  /** Latest recorded weight; needed for the mg/kg checks. */
  weightKg?: number
  /** Recorded conditions, free text ("sickle cell disease", "on steroids"); FEVER-RISK reads them. */
  conditions?: string[]
  /** Recorded allergies, free text ("penicillin", "Motrin"); DOSE-ALLERGY reads them (allergy.ts). */
  allergies?: { substance: string; reaction?: string | null }[]
  /** Start of the current fever episode from the care log (first reading ≥ 38.0 °C); FEVER-DUR-* read it. */
  feverSince?: Date
  /**
   * The strength (mg per mL) of the liquid this dependent is given, from the medication record. It settles
   * which product "5 ml of Motrin" means (infant drops hold twice the drug of children's).
   */
  mgPerMl?: Partial<Record<Drug, number>>
  /** The pediatrician's or GP's phone, when on file; urgent replies include it. */
  providerPhone?: string
}

/** A dose of one of the two guarded drugs already in the record, given by anyone in the family. */
export interface DoseEvent {
  dependentId: string
  drug: Drug
  at: Date
  mg?: number
  /** Who gave it, for the warning ("given by Maria"). */
  givenBy?: string
}

export interface GateInput {
  /** The message as the member wrote it. */
  text: string
  now: Date
  /** The family's locale: 'en-US', 'en-GB', … It picks dosing limits, product strengths and the emergency number. */
  locale: string
  /** The family's IANA time zone; ages are counted in the family's calendar days. Default 'UTC'. */
  timeZone?: string
  dependents: GateDependent[]
  /** The sender, when they are pregnant or within 12 months postpartum (from the record). */
  senderMaternal?: { postpartumSince?: string; pregnant?: boolean }
  /** Doses of acetaminophen and ibuprofen in the record. Must not include the dose in this message. */
  doseHistory?: DoseEvent[]
  /**
   * When the dose reported in this message was given, if the caller's time parser resolved one
   * ("gave tylenol at 3"). "20 min ago" is read by the gate itself; otherwise the dose is at `now`.
   */
  doseAt?: Date
}

/** One rule that fired. A message can fire several; the outcome is the first by precedence. */
export interface GateFinding {
  tier: Tier
  /** A rule ID from `gate_rules` (health-facts.json), or one of the IDs in decision 0013. */
  ruleId: string
  dependentId?: string
  /** One short sentence for the sender; combined into the outcome's reply. */
  reply?: string
  /** One short sentence for the parents and admins. */
  alert?: string
  nextDoseAllowedAt?: Date
  details?: Record<string, number | string>
}

export interface GateOutcome {
  tier: Tier
  ruleId: string
  dependentId?: string
  /** What to text back now: plain, short, SMS-friendly, English. Undefined when the next stage answers. */
  reply?: string
  alertParents: boolean
  /** What the parents and admins get when `alertParents` is true. */
  alert?: string
  nextDoseAllowedAt?: Date
  details?: Record<string, number | string>
  /** Every rule that fired, highest precedence first; `findings[0]` is this outcome's own rule. */
  findings: GateFinding[]
}
