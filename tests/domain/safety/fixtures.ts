import type { DoseEvent, Drug, GateDependent, GateInput, Tier } from '../../../src/domain/safety/index.js'

/** The corpus's clock: Tuesday 10 March 2026, 15:00 UTC. */
export const NOW = new Date('2026-03-10T15:00:00Z')
const DAY = 86_400_000
const HOUR = 3_600_000

/** The birth date (YYYY-MM-DD) of someone `days` old at `now` (UTC calendar). */
export function born(days: number, now = NOW): string {
  return new Date(now.getTime() - days * DAY).toISOString().slice(0, 10)
}

export const hoursAgo = (h: number, now = NOW) => new Date(now.getTime() - h * HOUR)
export const minutesAgo = (m: number, now = NOW) => new Date(now.getTime() - m * 60_000)

/** 7 weeks old: under 3 months (fever) and under 12 weeks (acetaminophen). */
export const maya: GateDependent = {
  id: 'dep_maya',
  name: 'Maya',
  nicknames: ['May-May'],
  birthDate: born(49),
  weightKg: 4.6,
}
/** 4 months old: the 3–6-month fever band; too young for ibuprofen in the US, old enough in the UK. */
export const leo: GateDependent = {
  id: 'dep_leo',
  name: 'Leo',
  nicknames: ['Bubba'],
  birthDate: born(130),
  weightKg: 6.8,
}
/** 10 months old. */
export const ava: GateDependent = { id: 'dep_ava', name: 'Ava', nicknames: [], birthDate: born(300), weightKg: 8.5 }
/** 3 years old, 14 kg: a preschooler. */
export const sam: GateDependent = {
  id: 'dep_sam',
  name: 'Sam',
  nicknames: ['Sammy'],
  birthDate: born(1115),
  weightKg: 14,
}
/** 5 years old with sickle cell disease on record (FEVER-RISK). */
export const noah: GateDependent = {
  id: 'dep_noah',
  name: 'Noah',
  nicknames: [],
  birthDate: born(1900),
  weightKg: 18,
  conditions: ['sickle cell disease'],
}
/** An adult dependent on daily medicines. */
export const grandpa: GateDependent = {
  id: 'dep_grandpa',
  name: 'Grandpa',
  nicknames: ['Papa'],
  birthDate: '1948-05-01',
  weightKg: 80,
}
/** A child whose birth date and weight are not on file. */
export const kit: GateDependent = { id: 'dep_kit', name: 'Kit', nicknames: [] }

export function dose(dep: GateDependent, drug: Drug, at: Date, givenBy?: string): DoseEvent {
  return { dependentId: dep.id, drug, at, ...(givenBy ? { givenBy } : {}) }
}

/** The context every corpus case starts from: an en-US family with a 7-week-old and a 3-year-old. */
export const BASE: Omit<GateInput, 'text'> = {
  now: NOW,
  locale: 'en-US',
  timeZone: 'UTC',
  dependents: [maya, sam],
  doseHistory: [],
}

export const only = (...dependents: GateDependent[]) => ({ dependents })
export const uk = { locale: 'en-GB', timeZone: 'Europe/London' }
export const postpartum = { senderMaternal: { postpartumSince: born(40) } }
export const pregnant = { senderMaternal: { pregnant: true } }

/** One labelled message for the gate. */
export interface GateCase {
  text: string
  /** The right answer, by the reference. Precision and recall are measured against it. */
  expect: { tier: Tier; ruleId?: string; dependentId?: string }
  /** What differs from BASE: the family, its locale, the dose history, the sender's record, the time. */
  context?: Partial<Omit<GateInput, 'text'>>
  /**
   * A known gap: what the gate answers today instead. The case stays in the corpus (and counts against
   * precision and recall) so the gap is visible; the test asserts this answer so a change is noticed.
   */
  knownGap?: { tier: Tier; ruleId?: string; why: string }
}

export const input = (c: GateCase): GateInput => ({ ...BASE, ...c.context, text: c.text })
