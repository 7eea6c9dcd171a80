import { describe, it } from 'vitest'
import { type Case, chen, evans, expectCase, joe, leo, lopez, lopezAll, lopezAsJoe, maya, olivia } from './families.js'

// Lopez and Chen: now is 4:10 pm PST on 15 Jan (00:10Z on the 16th). Evans: 4:10 pm GMT.
const NOW = '2026-01-16T00:10:00.000Z'
const tylenol = { name: 'tylenol', key: 'acetaminophen' }
const ml = (value: number) => ({ value, unit: 'ml', ml: value })
const metformin = { name: 'metformin', key: 'metformin' }
const lisinopril = { name: 'lisinopril', key: 'lisinopril' }
const amox = { name: 'amox', key: 'amoxicillin' }

const lopezDoses: Case[] = [
  ['gave tylenol 5ml', { kind: 'log_dose', subject: lopezAll, at: NOW, drug: tylenol, amount: ml(5) }],
  [
    'gave maya 2.5ml motrin at 3',
    {
      kind: 'log_dose',
      subject: maya,
      at: '2026-01-15T23:00:00.000Z',
      drug: { name: 'motrin', key: 'ibuprofen' },
      amount: ml(2.5),
    },
  ],
  [
    'gave leo 1 tsp tylenol',
    { kind: 'log_dose', subject: leo, at: NOW, drug: tylenol, amount: { value: 1, unit: 'tsp', ml: 5 } },
  ],
  [
    'gave leo half a tsp of tylenol',
    { kind: 'log_dose', subject: leo, at: NOW, drug: tylenol, amount: { value: 0.5, unit: 'tsp', ml: 2.5 } },
  ],
  [
    'maya had her amoxicillin',
    { kind: 'log_dose', subject: maya, at: NOW, drug: { name: 'amoxicillin', key: 'amoxicillin' } },
  ],
  // An evening slot reads "at 8" as 8 pm; today's has not come yet, so it is yesterday's.
  [
    'Grandpa took his evening pills at 8',
    { kind: 'log_dose', subject: joe, at: '2026-01-15T04:00:00.000Z', slot: 'evening' },
  ],
  ['grandpa took his morning pills', { kind: 'log_dose', subject: joe, at: NOW, slot: 'morning' }],
  [
    'grandpa took his morning pills at 8',
    { kind: 'log_dose', subject: joe, at: '2026-01-15T16:00:00.000Z', slot: 'morning' },
  ],
  [
    'grandpa took 500mg metformin',
    {
      kind: 'log_dose',
      subject: joe,
      at: NOW,
      drug: { name: 'metformin', key: 'metformin' },
      amount: { value: 500, unit: 'mg' },
    },
  ],
  // Which pills? Neither a drug nor a part of the day: a guess, so the agent asks.
  ['gave grandpa his pills', undefined],
  [
    'tylenal 5 mls',
    { kind: 'log_dose', subject: lopezAll, at: NOW, drug: { name: 'tylenal', key: 'acetaminophen' }, amount: ml(5) },
  ],
  [
    'gave maya ibuprofin 4ml',
    { kind: 'log_dose', subject: maya, at: NOW, drug: { name: 'ibuprofin', key: 'ibuprofen' }, amount: ml(4) },
  ],
  [
    'gave leo 5 ml of amoxicilin at 8am',
    {
      kind: 'log_dose',
      subject: leo,
      at: '2026-01-15T16:00:00.000Z',
      drug: { name: 'amoxicilin', key: 'amoxicillin' },
      amount: ml(5),
    },
  ],
  [
    'Maya got 1.25ml infant tylenol 2 hours ago',
    { kind: 'log_dose', subject: maya, at: '2026-01-15T22:10:00.000Z', drug: tylenol, amount: ml(1.25) },
  ],
  [
    'gave maya 2 puffs of albuterol',
    {
      kind: 'log_dose',
      subject: maya,
      at: NOW,
      drug: { name: 'albuterol', key: 'albuterol' },
      amount: { value: 2, unit: 'puff' },
    },
  ],
  [
    'gave leo 3 drops vitamin d',
    {
      kind: 'log_dose',
      subject: leo,
      at: NOW,
      drug: { name: 'vitamin d', key: 'vitamin d' },
      amount: { value: 3, unit: 'drop' },
    },
  ],
  [
    'grandpa had his donepezil at 9pm',
    { kind: 'log_dose', subject: joe, at: '2026-01-15T05:00:00.000Z', drug: { name: 'donepezil', key: 'donepezil' } },
  ],
  [
    'gave maya 160mg tylenol',
    { kind: 'log_dose', subject: maya, at: NOW, drug: tylenol, amount: { value: 160, unit: 'mg' } },
  ],
  [
    'Leo motrin 5ml at 1:30',
    {
      kind: 'log_dose',
      subject: leo,
      at: '2026-01-15T21:30:00.000Z',
      drug: { name: 'motrin', key: 'ibuprofen' },
      amount: ml(5),
    },
  ],
  ['gave maya her zyrtec', { kind: 'log_dose', subject: maya, at: NOW, drug: { name: 'zyrtec', key: 'cetirizine' } }],
  [
    'gave maya 1/2 tsp benadryl',
    {
      kind: 'log_dose',
      subject: maya,
      at: NOW,
      drug: { name: 'benadryl', key: 'diphenhydramine' },
      amount: { value: 0.5, unit: 'tsp', ml: 2.5 },
    },
  ],
  [
    'grandpa took 2 tablets of tylenol',
    { kind: 'log_dose', subject: joe, at: NOW, drug: tylenol, amount: { value: 2, unit: 'tablet' } },
  ],
  [
    'grandpa took his metformin pill',
    { kind: 'log_dose', subject: joe, at: NOW, drug: { name: 'metformin', key: 'metformin' } },
  ],
  [
    'gave grandpa his bedtime meds at 9',
    { kind: 'log_dose', subject: joe, at: '2026-01-15T05:00:00.000Z', slot: 'evening' },
  ],
  ['gave Bug tylenol 5ml', { kind: 'log_dose', subject: maya, at: NOW, drug: tylenol, amount: ml(5) }],
  // Two swapped letters are one typo.
  [
    'tyelnol 2.5 ml',
    { kind: 'log_dose', subject: lopezAll, at: NOW, drug: { name: 'tyelnol', key: 'acetaminophen' }, amount: ml(2.5) },
  ],
  // A unitless number right after the drug: a small one is ml for a child, 50 and up is mg.
  ['maya tylenol 2.5', { kind: 'log_dose', subject: maya, at: NOW, drug: tylenol, amount: ml(2.5) }],
  [
    'gave leo motrin 5 at 2',
    {
      kind: 'log_dose',
      subject: leo,
      at: '2026-01-15T22:00:00.000Z',
      drug: { name: 'motrin', key: 'ibuprofen' },
      amount: ml(5),
    },
  ],
  [
    'grandpa metformin 500',
    { kind: 'log_dose', subject: joe, at: NOW, drug: metformin, amount: { value: 500, unit: 'mg' } },
  ],
  ['gave tylenol 5', undefined],
  ['grandpa tylenol 2', undefined],
  ['maya tylenol 30', undefined],
  ['maya tylenol 3pm', undefined],
  ['maya tylenol 2.5 5', undefined],
  // "done" (or ✅) says the dose happened.
  ['leo amox done', { kind: 'log_dose', subject: leo, at: NOW, drug: amox }],
  ['✅ grandpa lisinopril', { kind: 'log_dose', subject: joe, at: NOW, drug: lisinopril }],
  ['tylenol done?', undefined],
  ['homework done', undefined],
]

const grandpaHimself: Case[] = [
  // "this morning" is a part of the day, not a time to log a named drug at: the agent asks when.
  ['I took my lisinopril this morning', undefined],
  ['metformin done this morning', undefined],
  // A slot word right before the drug says which dose, not when: logged now.
  ['morning metformin done', { kind: 'log_dose', subject: { self: true }, at: NOW, drug: metformin, slot: 'morning' }],
  [
    'took my evening metformin',
    { kind: 'log_dose', subject: { self: true }, at: NOW, drug: metformin, slot: 'evening' },
  ],
  [
    'lisinipril done',
    { kind: 'log_dose', subject: { self: true }, at: NOW, drug: { name: 'lisinipril', key: 'lisinopril' } },
  ],
  ['morning meds ✅', { kind: 'log_dose', subject: { self: true }, at: NOW, slot: 'morning' }],
  ['pills done', undefined],
  [
    'just took my metformin',
    { kind: 'log_dose', subject: { self: true }, at: NOW, drug: { name: 'metformin', key: 'metformin' } },
  ],
  [
    'took metformin',
    { kind: 'log_dose', subject: { self: true }, at: NOW, drug: { name: 'metformin', key: 'metformin' } },
  ],
  ['took my morning pills', { kind: 'log_dose', subject: { self: true }, at: NOW, slot: 'morning' }],
  [
    'took my evening meds at 7',
    { kind: 'log_dose', subject: { self: true }, at: '2026-01-15T03:00:00.000Z', slot: 'evening' },
  ],
]

describe('parseMessage: doses', () => {
  it.each(lopezDoses)('reads the dose in "%s"', (...row) => expectCase(lopez, row))
  it.each(grandpaHimself)('reads "%s" from grandpa as his own dose', (...row) => expectCase(lopezAsJoe, row))
  it('reads "just took my metformin" from a parent as the sender, for the tool to place', () => {
    expectCase(lopez, [
      'just took my metformin',
      { kind: 'log_dose', subject: { self: true }, at: NOW, drug: { name: 'metformin', key: 'metformin' } },
    ])
  })
  it('reads UK brands in a one-child family', () => {
    expectCase(evans, [
      'gave calpol 5ml at 2',
      {
        kind: 'log_dose',
        subject: olivia,
        at: '2026-01-15T14:00:00.000Z',
        drug: { name: 'calpol', key: 'acetaminophen' },
        amount: ml(5),
      },
    ])
    expectCase(evans, [
      'gave her 2.5ml nurofen',
      {
        kind: 'log_dose',
        subject: olivia,
        at: '2026-01-15T16:10:00.000Z',
        drug: { name: 'nurofen', key: 'ibuprofen' },
        amount: ml(2.5),
      },
    ])
  })
  it('knows a drug from the family’s own regimens', () => {
    expectCase(chen, [
      'grandma took her namenda',
      { kind: 'log_dose', subject: { dependentId: 'dep_wei' }, at: NOW, drug: { name: 'namenda', key: 'namenda' } },
    ])
    expectCase(chen, [
      'nai nai took eliquis 5mg',
      {
        kind: 'log_dose',
        subject: { dependentId: 'dep_wei' },
        at: NOW,
        drug: { name: 'eliquis', key: 'apixaban' },
        amount: { value: 5, unit: 'mg' },
      },
    ])
  })
})
