import { describe, expect, it } from 'vitest'
import { readAllergy } from '../../src/agent/record/add-allergy.js'

describe('readAllergy', () => {
  it.each([
    ['Maya is allergic to penicillin', { name: 'Maya', substance: 'penicillin' }],
    ["Maya's allergic to peanuts.", { name: 'Maya', substance: 'peanuts' }],
    ['Maya is allergic to penicillin (hives)', { name: 'Maya', substance: 'penicillin', reaction: 'hives' }],
    [
      'Maya is allergic to amoxicillin, she gets a rash',
      { name: 'Maya', substance: 'amoxicillin', reaction: 'a rash' },
    ],
    [
      'Leo is severely allergic to eggs - hives',
      { name: 'Leo', substance: 'eggs', reaction: 'hives', severity: 'severe' },
    ],
    ['Leo is mildly allergic to the cat', { name: 'Leo', substance: 'cat', severity: 'mild' }],
    ['Leo has a peanut allergy', { name: 'Leo', substance: 'peanut' }],
    ['Leo has a severe tree nut allergy', { name: 'Leo', substance: 'tree nut', severity: 'severe' }],
    ['allergy: Augmentin for Leo', { name: 'Leo', substance: 'Augmentin' }],
    ['add allergy co-amoxiclav to Leo', { name: 'Leo', substance: 'co-amoxiclav' }],
  ])('%s', (text, expected) => expect(readAllergy(text)).toEqual(expected))

  it.each([
    'Is Maya allergic to penicillin?',
    'Maya is allergic to penicillin?',
    'I think Maya is allergic to the new formula',
    'is she allergic to anything',
    'Maya is not allergic to penicillin',
    'Maya had an allergic reaction and her lips are swelling',
    'Maya allergies?',
  ])('leaves “%s” alone', (text) => {
    const read = readAllergy(text)
    // "Maya is not allergic…" must never become an allergy to "not…".
    expect(read === undefined || !/^not\b/i.test(read.substance)).toBe(true)
    expect(read).toBeUndefined()
  })
})
