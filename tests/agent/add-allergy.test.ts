import { describe, expect, it } from 'vitest'
import { readAllergy } from '../../src/agent/record/add-allergy.js'

describe('readAllergy', () => {
  it.each([
    ['Maya is allergic to penicillin', { name: 'Maya', substances: ['penicillin'] }],
    ["Maya's allergic to peanuts.", { name: 'Maya', substances: ['peanuts'] }],
    ['Maya is allergic to penicillin (hives)', { name: 'Maya', substances: ['penicillin'], reaction: 'hives' }],
    [
      'Maya is allergic to amoxicillin, she gets a rash',
      { name: 'Maya', substances: ['amoxicillin'], reaction: 'she gets a rash' },
    ],
    [
      'Leo is severely allergic to eggs - hives',
      { name: 'Leo', substances: ['eggs'], reaction: 'hives', severity: 'severe' },
    ],
    ['Leo is mildly allergic to the cat', { name: 'Leo', substances: ['cat'], severity: 'mild' }],
    ['Leo is allergic to penicillin and peanuts', { name: 'Leo', substances: ['penicillin', 'peanuts'] }],
    ['Leo is allergic to tree nuts, eggs & milk', { name: 'Leo', substances: ['tree nuts', 'eggs', 'milk'] }],
    ['Leo is allergic to co-amoxiclav', { name: 'Leo', substances: ['co-amoxiclav'] }],
    ['Leo has a peanut allergy', { name: 'Leo', substances: ['peanut'] }],
    ['Leo has a severe tree nut allergy', { name: 'Leo', substances: ['tree nut'], severity: 'severe' }],
    [
      'Leo has a penicillin allergy (hives and swelling)',
      { name: 'Leo', substances: ['penicillin'], reaction: 'hives and swelling' },
    ],
    ['allergy: Augmentin for Leo', { name: 'Leo', substances: ['Augmentin'] }],
    ['add allergy co-amoxiclav to Leo', { name: 'Leo', substances: ['co-amoxiclav'] }],
  ])('%s', (text, expected) => expect(readAllergy(text)).toEqual(expected))

  it.each([
    // Questions and doses: the question must be answered and the dose logged, not read as a "reaction".
    'Leo is allergic to ibuprofen, can I give him motrin?',
    'Leo is allergic to ibuprofen - gave him motrin 5 ml an hour ago',
    'Leo is allergic to penicillin, so no amoxicillin for him',
    'Is Maya allergic to penicillin?',
    'Maya is allergic to penicillin?',
    // Not allergies, or not one child's.
    'Leo is allergic to waking up early lol',
    'Leo is allergic to nothing',
    'Leo is allergic to no medicines that we know of',
    'Leo has a food allergy',
    'Leo has a new allergy',
    'Leo has an allergy',
    'Maya is allergic to penicillin and Leo to eggs',
    'Maya is allergic to penicillin and her lips are swelling',
    'I think Maya is allergic to the new formula',
    'is she allergic to anything',
    'Maya is not allergic to penicillin',
    'Maya had an allergic reaction and her lips are swelling',
    'Maya allergies?',
    'Maya is allergic to penicillin (not sure)',
  ])('leaves “%s” to the other stages', (text) => expect(readAllergy(text)).toBeUndefined())
})
