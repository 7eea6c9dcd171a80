import { describe, expect, it } from 'vitest'
import { allergyConflict } from '../../../src/domain/safety/allergy.js'
import { evaluateGate, type GateDependent, type GateInput } from '../../../src/domain/safety/index.js'
import { BASE, dose, grandpa, hoursAgo, sam } from './fixtures.js'

const allergic = (dep: GateDependent, ...substances: string[]): GateDependent => ({
  ...dep,
  allergies: substances.map((substance) => ({ substance })),
})

describe('allergyConflict', () => {
  it.each([
    // The drug itself, by any of its names.
    ['ibuprofen', ['Motrin'], ''],
    ['Advil', ['ibuprofen'], ''],
    ['acetaminophen', ['tylenol'], ''],
    ['Amoxil', ['amoxicillin'], ''],
    ['zyrtec', ['Cetirizine (hives)'], ''],
    // Groups the labels name.
    ['amoxicillin', ['penicillin'], 'amoxicillin is a penicillin'],
    ['augmentin', ['Penicillins'], 'amoxicillin is a penicillin'],
    ['cephalexin', ['penicillin'], 'people allergic to penicillin have reacted to cephalosporins like cephalexin'],
    [
      'ibuprofen',
      ['aspirin'],
      'ibuprofen’s label says not to use it after an allergic reaction to any other pain reliever or fever reducer',
    ],
    [
      'ibuprofen',
      ['Tylenol'],
      'ibuprofen’s label says not to use it after an allergic reaction to any other pain reliever or fever reducer',
    ],
    ['aspirin', ['NSAIDs'], 'aspirin is an NSAID like ibuprofen'],
  ])('%s against an allergy to %j', (drug, substances, why) => {
    expect(
      allergyConflict(
        drug,
        substances.map((substance) => ({ substance })),
      )?.why,
    ).toBe(why)
  })

  it.each([
    ['acetaminophen', ['ibuprofen']], // acetaminophen's label names acetaminophen only
    ['acetaminophen', ['penicillin', 'peanuts']],
    ['amoxicillin', ['sulfa']],
    ['ibuprofen', ['peanuts', 'latex', 'eggs']],
    ['cetirizine', ['penicillin']],
  ])('%s is not ruled out by %j', (drug, substances) => {
    expect(
      allergyConflict(
        drug,
        substances.map((substance) => ({ substance })),
      ),
    ).toBeUndefined()
  })
})

describe('the dose guard reads allergies (DOSE-ALLERGY)', () => {
  const ask = (dep: GateDependent, text: string, extra: Partial<GateInput> = {}) =>
    evaluateGate({ ...BASE, dependents: [dep], text, ...extra })

  it('a question about a drug she is allergic to: do not give it, ask first, no "next dose"', () => {
    const out = ask(allergic(sam, 'ibuprofen'), 'can I give Sam motrin?')
    expect(out.tier).toBe('dose_blocked')
    expect(out.ruleId).toBe('DOSE-ALLERGY')
    expect(out.reply).toBe(
      "Sam has an allergy to ibuprofen on record. Don't give ibuprofen without a doctor's or pharmacist's OK.",
    )
    expect(out.nextDoseAllowedAt).toBeUndefined()
  })

  it('a dose already given: what to watch for, when to call 911, and the parents are alerted', () => {
    const withReaction: GateDependent = { ...sam, allergies: [{ substance: 'aspirin', reaction: 'wheezing' }] }
    const out = ask(withReaction, 'gave Sam 5 ml of motrin', {
      doseHistory: [dose(sam, 'ibuprofen', hoursAgo(1))],
    })
    expect(out.ruleId).toBe('DOSE-ALLERGY')
    expect(out.reply).toContain('Sam has an allergy to aspirin (wheezing) on record (ibuprofen’s label says')
    expect(out.reply).toContain(
      'Watch for hives, swelling of the lips, face or tongue, wheezing or trouble breathing: if you see any, call 911 now.',
    )
    expect(out.reply).not.toContain('next dose')
    expect(out.alertParents).toBe(true)
    expect(out.alert).toMatch(/^Sam: ibuprofen was given\. Sam has an allergy to aspirin/)
  })

  it('in the UK the number is 999', () => {
    const out = ask(allergic(sam, 'paracetamol'), 'gave Sam calpol', { locale: 'en-GB', timeZone: 'Europe/London' })
    expect(out.ruleId).toBe('DOSE-ALLERGY')
    expect(out.reply).toContain('call 999 now')
  })

  it('an adult’s aspirin is checked against their allergies; without one it is not a red flag', () => {
    expect(ask(allergic(grandpa, 'NSAIDs'), 'gave Grandpa his aspirin').ruleId).toBe('DOSE-ALLERGY')
    expect(ask(grandpa, 'gave Grandpa his aspirin').tier).not.toBe('dose_blocked')
  })

  it('an allergy to something else changes nothing', () => {
    const out = ask(allergic(sam, 'peanuts', 'penicillin'), 'can I give Sam motrin?')
    expect(out.tier).toBe('dose_ok')
  })
})
