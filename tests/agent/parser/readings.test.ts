import { describe, it } from 'vitest'
import { type Case, chen, evans, expectCase, joe, leo, lopez, lopezAll, lopezAsJoe, maya, olivia } from './families.js'

// Lopez and Chen: now is 4:10 pm PST on 15 Jan (00:10Z on the 16th). Evans: 4:10 pm GMT on 15 Jan.
const NOW = '2026-01-16T00:10:00.000Z'
const UK = '2026-01-15T16:10:00.000Z'
const temp = (value: number, unit: 'C' | 'F', unitSource: string, celsius: number, site?: string) => ({
  value,
  unit,
  unitSource,
  celsius,
  ...(site ? { site } : {}),
})

const temperatures: Case[] = [
  // health-facts §0: a bare 34–43 is °C, a bare 93–110 is °F.
  [
    'temp 38.4',
    { kind: 'log_temperature', subject: lopezAll, at: NOW, temperature: temp(38.4, 'C', 'inferred', 38.4) },
  ],
  [
    '101.2F armpit',
    { kind: 'log_temperature', subject: lopezAll, at: NOW, temperature: temp(101.2, 'F', 'stated', 38.44, 'armpit') },
  ],
  [
    'Maya temp 38.5 rectal',
    { kind: 'log_temperature', subject: maya, at: NOW, temperature: temp(38.5, 'C', 'inferred', 38.5, 'rectal') },
  ],
  [
    'leo has a fever of 102',
    { kind: 'log_temperature', subject: leo, at: NOW, temperature: temp(102, 'F', 'inferred', 38.89) },
  ],
  [
    'maya 38.2 armpit',
    { kind: 'log_temperature', subject: maya, at: NOW, temperature: temp(38.2, 'C', 'inferred', 38.2, 'armpit') },
  ],
  [
    'temp 99.5F oral for leo',
    { kind: 'log_temperature', subject: leo, at: NOW, temperature: temp(99.5, 'F', 'stated', 37.5, 'oral') },
  ],
  [
    "Maya's temperature is 37.9 °C in her ear",
    { kind: 'log_temperature', subject: maya, at: NOW, temperature: temp(37.9, 'C', 'stated', 37.9, 'ear') },
  ],
  [
    'leo temp 37.2 deg',
    { kind: 'log_temperature', subject: leo, at: NOW, temperature: temp(37.2, 'C', 'inferred', 37.2) },
  ],
  [
    'maya 101.2° forehead',
    { kind: 'log_temperature', subject: maya, at: NOW, temperature: temp(101.2, 'F', 'inferred', 38.44, 'forehead') },
  ],
  [
    'temprature 101 maya',
    { kind: 'log_temperature', subject: maya, at: NOW, temperature: temp(101, 'F', 'inferred', 38.33) },
  ],
  [
    'leo temp 100.4 at 3',
    {
      kind: 'log_temperature',
      subject: leo,
      at: '2026-01-15T23:00:00.000Z',
      temperature: temp(100.4, 'F', 'inferred', 38),
    },
  ],
  [
    'took maya temp 38.1 axillary 20 min ago',
    {
      kind: 'log_temperature',
      subject: maya,
      at: '2026-01-15T23:50:00.000Z',
      temperature: temp(38.1, 'C', 'inferred', 38.1, 'armpit'),
    },
  ],
  ['Leo 39 degrees C', { kind: 'log_temperature', subject: leo, at: NOW, temperature: temp(39, 'C', 'stated', 39) }],
  [
    'maya temp 98.6 fahrenheit',
    { kind: 'log_temperature', subject: maya, at: NOW, temperature: temp(98.6, 'F', 'stated', 37) },
  ],
  [
    'grandpa temp 99.1 oral',
    { kind: 'log_temperature', subject: joe, at: NOW, temperature: temp(99.1, 'F', 'inferred', 37.28, 'oral') },
  ],
  [
    'Leo 38.6 in his ear at 2:15',
    {
      kind: 'log_temperature',
      subject: leo,
      at: '2026-01-15T22:15:00.000Z',
      temperature: temp(38.6, 'C', 'inferred', 38.6, 'ear'),
    },
  ],
  [
    'maya fever 103.1 under the arm',
    { kind: 'log_temperature', subject: maya, at: NOW, temperature: temp(103.1, 'F', 'inferred', 39.5, 'armpit') },
  ],
  // Ways of saying it: "running", "thermometer says", "still", "low grade", "body temp".
  [
    "he's running 101",
    { kind: 'log_temperature', subject: lopezAll, at: NOW, temperature: temp(101, 'F', 'inferred', 38.33) },
  ],
  [
    'thermometer says 100.8',
    { kind: 'log_temperature', subject: lopezAll, at: NOW, temperature: temp(100.8, 'F', 'inferred', 38.22) },
  ],
  [
    'leo temp still 101',
    { kind: 'log_temperature', subject: leo, at: NOW, temperature: temp(101, 'F', 'inferred', 38.33) },
  ],
  [
    'low-grade fever 99.8',
    { kind: 'log_temperature', subject: lopezAll, at: NOW, temperature: temp(99.8, 'F', 'inferred', 37.67) },
  ],
  [
    'temp around 101',
    { kind: 'log_temperature', subject: lopezAll, at: NOW, temperature: temp(101, 'F', 'inferred', 38.33) },
  ],
  [
    'temp in her armpit 99.1',
    { kind: 'log_temperature', subject: lopezAll, at: NOW, temperature: temp(99.1, 'F', 'inferred', 37.28, 'armpit') },
  ],
  [
    'forehead scan 99.9',
    {
      kind: 'log_temperature',
      subject: lopezAll,
      at: NOW,
      temperature: temp(99.9, 'F', 'inferred', 37.72, 'forehead'),
    },
  ],
  // A decimal °F reading beside a named child says temperature by itself; nothing else is read bare.
  ['maya 101.2', { kind: 'log_temperature', subject: maya, at: NOW, temperature: temp(101.2, 'F', 'inferred', 38.44) }],
  ['maya 101', undefined],
  ['leo 38.4', undefined],
  ['grandpa 101.2', undefined],
  ['she is 101.2', undefined],
  ['leo running 40 laps', undefined],
  ['running late, 101 things to do', undefined],
]

const weight = (value: number, ...original: object[]) => ({ measure: 'weight', value, unit: 'kg', original })
const lengthCm = (measure: string, value: number, original: object) => ({
  measure,
  value,
  unit: 'cm',
  original: [original],
})

const growth: Case[] = [
  // A mass in kg or lb says weight by itself; where it was weighed does not stop the entry.
  [
    'maya 14 lb',
    { kind: 'log_growth', subject: maya, at: NOW, measurements: [weight(6.35, { value: 14, unit: 'lb' })] },
  ],
  [
    'leo is 16kgs now',
    { kind: 'log_growth', subject: leo, at: NOW, measurements: [weight(16, { value: 16, unit: 'kg' })] },
  ],
  [
    'maya 13lbs 4oz at her checkup',
    {
      kind: 'log_growth',
      subject: maya,
      at: NOW,
      measurements: [weight(6.01, { value: 13, unit: 'lb' }, { value: 4, unit: 'oz' })],
    },
  ],
  [
    'maya 6.4 kg, length 63 cm',
    {
      kind: 'log_growth',
      subject: maya,
      at: NOW,
      measurements: [weight(6.4, { value: 6.4, unit: 'kg' }), lengthCm('length', 63, { value: 63, unit: 'cm' })],
    },
  ],
  [
    'new weight: 6.2 kg',
    { kind: 'log_growth', subject: lopezAll, at: NOW, measurements: [weight(6.2, { value: 6.2, unit: 'kg' })] },
  ],
  // A change, two weights, or something else weighed: the agent.
  ['maya gained 6 oz', undefined],
  ['maya lost 1 lb', undefined],
  ['maya 14 lb and leo 35 lb', undefined],
  ['maya 4 lb bag of rice', undefined],
  ['maya 14 lb 20 oz', undefined],
  [
    'maya weighed 6.2 kg today',
    { kind: 'log_growth', subject: maya, at: NOW, measurements: [weight(6.2, { value: 6.2, unit: 'kg' })] },
  ],
  [
    'maya weighs 13 lb 4 oz',
    {
      kind: 'log_growth',
      subject: maya,
      at: NOW,
      measurements: [weight(6.01, { value: 13, unit: 'lb' }, { value: 4, unit: 'oz' })],
    },
  ],
  [
    'leo weight 18.5 lbs',
    { kind: 'log_growth', subject: leo, at: NOW, measurements: [weight(8.391, { value: 18.5, unit: 'lb' })] },
  ],
  [
    'maya length 62 cm',
    { kind: 'log_growth', subject: maya, at: NOW, measurements: [lengthCm('length', 62, { value: 62, unit: 'cm' })] },
  ],
  [
    'maya 24 in long',
    { kind: 'log_growth', subject: maya, at: NOW, measurements: [lengthCm('length', 61, { value: 24, unit: 'in' })] },
  ],
  [
    'maya head 40.5cm',
    { kind: 'log_growth', subject: maya, at: NOW, measurements: [lengthCm('head', 40.5, { value: 40.5, unit: 'cm' })] },
  ],
  [
    'maya weight 6.2kg length 62cm head 40cm',
    {
      kind: 'log_growth',
      subject: maya,
      at: NOW,
      measurements: [
        weight(6.2, { value: 6.2, unit: 'kg' }),
        lengthCm('length', 62, { value: 62, unit: 'cm' }),
        lengthCm('head', 40, { value: 40, unit: 'cm' }),
      ],
    },
  ],
  [
    'leo weighed 9800 g',
    { kind: 'log_growth', subject: leo, at: NOW, measurements: [weight(9.8, { value: 9800, unit: 'g' })] },
  ],
  [
    'Maya wieght 14 pounds',
    { kind: 'log_growth', subject: maya, at: NOW, measurements: [weight(6.35, { value: 14, unit: 'lb' })] },
  ],
  [
    'maya head circumference 41 cm yesterday at 10am',
    {
      kind: 'log_growth',
      subject: maya,
      at: '2026-01-14T18:00:00.000Z',
      measurements: [lengthCm('head', 41, { value: 41, unit: 'cm' })],
    },
  ],
  [
    'grandpa weighs 81.5 kg',
    { kind: 'log_growth', subject: joe, at: NOW, measurements: [weight(81.5, { value: 81.5, unit: 'kg' })] },
  ],
]

const oneChild: Case[] = [
  ['temp 38.4', { kind: 'log_temperature', subject: olivia, at: UK, temperature: temp(38.4, 'C', 'inferred', 38.4) }],
  [
    '38.9C rectal',
    { kind: 'log_temperature', subject: olivia, at: UK, temperature: temp(38.9, 'C', 'stated', 38.9, 'rectal') },
  ],
  [
    "liv's temp is 37.8 at 3",
    {
      kind: 'log_temperature',
      subject: olivia,
      at: '2026-01-15T15:00:00.000Z',
      temperature: temp(37.8, 'C', 'inferred', 37.8),
    },
  ],
  [
    'weighed 6.2 kg today',
    { kind: 'log_growth', subject: olivia, at: UK, measurements: [weight(6.2, { value: 6.2, unit: 'kg' })] },
  ],
  [
    'she weighs 5.45kg',
    { kind: 'log_growth', subject: olivia, at: UK, measurements: [weight(5.45, { value: 5.45, unit: 'kg' })] },
  ],
  [
    'length 58.5 cm',
    {
      kind: 'log_growth',
      subject: olivia,
      at: UK,
      measurements: [lengthCm('length', 58.5, { value: 58.5, unit: 'cm' })],
    },
  ],
]

const selfReadings: Case[] = [
  [
    'my temp is 37.9',
    { kind: 'log_temperature', subject: { self: true }, at: NOW, temperature: temp(37.9, 'C', 'inferred', 37.9) },
  ],
  [
    'I weigh 80 kg',
    { kind: 'log_growth', subject: { self: true }, at: NOW, measurements: [weight(80, { value: 80, unit: 'kg' })] },
  ],
]

describe('parseMessage: temperatures and growth', () => {
  it.each(temperatures)('reads the temperature in "%s"', (...row) => expectCase(lopez, row))
  it.each(growth)('reads the growth in "%s"', (...row) => expectCase(lopez, row))
  it.each(oneChild)('reads "%s" for a one-child family', (...row) => expectCase(evans, row))
  it.each(selfReadings)('reads "%s" from grandpa as his own', (...row) => expectCase(lopezAsJoe, row))
  it('reads a pronoun in a family with one child and a grandparent as either of them', () => {
    expectCase(chen, [
      'her temp is 38.2',
      {
        kind: 'log_temperature',
        subject: { ambiguous: ['dep_lily', 'dep_wei'] },
        at: NOW,
        temperature: temp(38.2, 'C', 'inferred', 38.2),
      },
    ])
  })
})
