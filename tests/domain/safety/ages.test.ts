import { describe, expect, it } from 'vitest'
import { evaluateGate, type GateDependent, type GateInput } from '../../../src/domain/safety/index.js'
import { daysSince } from '../../../src/domain/safety/subject.js'
import { BASE, born, hoursAgo } from './fixtures.js'

const rosa = (days: number, extra: Partial<GateDependent> = {}): GateDependent => ({
  id: 'dep_rosa',
  name: 'Rosa',
  nicknames: [],
  birthDate: born(days),
  weightKg: 6,
  ...extra,
})
const gate = (days: number, text: string, extra: Partial<GateInput> = {}, dep: Partial<GateDependent> = {}) =>
  evaluateGate({ ...BASE, dependents: [rosa(days, dep)], text, ...extra })

describe('age boundaries, in days (health-facts.md §0)', () => {
  it.each([
    [89, 'temp 38.0', 'FEVER-U3M'],
    [90, 'temp 38.0', 'LOG-ROUTINE'],
    [89, 'temp 35.9', 'FEVER-U3M-LOW'],
    [90, 'temp 35.9', 'LOG-ROUTINE'],
    [90, 'temp 39.0', 'FEVER-3-6M'],
    [182, 'temp 39.0', 'FEVER-3-6M'],
    [183, 'temp 39.0', 'LOG-ROUTINE'],
    [183, 'temp 40.0', 'FEVER-ANY-40'],
  ])('at %d days, %s → %s', (days, text, ruleId) => {
    expect(gate(days, text).ruleId).toBe(ruleId)
  })

  it.each([
    [83, 'DOSE-APAP-AGE'],
    [84, 'DOSE-OK'],
  ])('acetaminophen in en-US at %d days → %s', (days, ruleId) => {
    expect(gate(days, 'can I give tylenol?').ruleId).toBe(ruleId)
  })

  it.each([
    [60, 'DOSE-APAP-AGE'],
    [61, 'DOSE-OK'],
  ])('paracetamol in en-GB at %d days (over 4 kg) → %s', (days, ruleId) => {
    expect(gate(days, 'can I give calpol?', { locale: 'en-GB' }).ruleId).toBe(ruleId)
  })

  it('en-GB at 2 to 3 months: paracetamol only above 4 kg, and twice in 24 hours', () => {
    expect(gate(70, 'can I give calpol?', { locale: 'en-GB' }, { weightKg: 4 }).ruleId).toBe('DOSE-APAP-AGE')
    const twice = { locale: 'en-GB', doseHistory: [4, 10].map((h) => dose(h)) }
    expect(gate(70, 'can I give calpol?', twice).ruleId).toBe('DOSE-APAP-MAX24')
  })

  it.each([
    ['en-US', 182, 'DOSE-IBU-AGE'],
    ['en-US', 183, 'DOSE-OK'],
    ['en-GB', 89, 'DOSE-IBU-AGE'],
    ['en-GB', 90, 'DOSE-OK'],
  ])('ibuprofen in %s at %d days → %s', (locale, days, ruleId) => {
    expect(gate(days, 'can I give ibuprofen?', { locale }).ruleId).toBe(ruleId)
  })

  it('en-GB ibuprofen under 6 months needs more than 5 kg', () => {
    expect(gate(120, 'can I give nurofen?', { locale: 'en-GB' }, { weightKg: 5 }).ruleId).toBe('DOSE-IBU-AGE')
    expect(gate(120, 'can I give nurofen?', { locale: 'en-GB' }, { weightKg: 5.2 }).ruleId).toBe('DOSE-OK')
  })

  it.each([
    [729, 25, 'FEVER-DUR-U2Y'],
    [729, 24, 'LOG-ROUTINE'],
    [730, 25, 'LOG-ROUTINE'],
    [730, 73, 'FEVER-DUR-2Y'],
  ])('at %d days with a fever for %d h (from the record) → %s', (days, hours, ruleId) => {
    expect(gate(days, 'temp 38.5', {}, { feverSince: hoursAgo(hours) }).ruleId).toBe(ruleId)
  })

  it('counts age in the family’s calendar days', () => {
    // 23:30 in Los Angeles on 8 June is 06:30 on 9 June in UTC: one day more in UTC than at home.
    const now = new Date('2026-06-09T06:30:00Z')
    expect(daysSince('2026-03-10', now, 'America/Los_Angeles')).toBe(90)
    expect(daysSince('2026-03-10', now, 'UTC')).toBe(91)
    const dep: GateDependent = { id: 'dep_x', name: 'X', nicknames: [], birthDate: '2026-03-11' }
    expect(
      evaluateGate({ ...BASE, now, timeZone: 'America/Los_Angeles', dependents: [dep], text: 'temp 38.1' }).ruleId,
    ).toBe('FEVER-U3M')
  })

  it('treats a missing or malformed birth date as unknown age', () => {
    expect(daysSince(undefined, BASE.now)).toBeUndefined()
    expect(daysSince('10/03/2026', BASE.now)).toBeUndefined()
    expect(gate(0, 'temp 38.5', {}, { birthDate: 'soon' }).ruleId).toBe('LOG-ROUTINE')
  })
})

function dose(hours: number) {
  return { dependentId: 'dep_rosa', drug: 'acetaminophen' as const, at: hoursAgo(hours) }
}
