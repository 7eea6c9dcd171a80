import { describe, it } from 'vitest'
import { type Case, expectCase, lopez } from './families.js'

// Now is 4:10 pm PST on 15 Jan (00:10Z on the 16th); "3" is 23:00Z.
const amount = (value: number, unit: string, ml?: number) => ({
  kind: 'amend_amount',
  amount: { value, unit, ...(ml === undefined ? {} : { ml }) },
})

const corrections: Case[] = [
  ['undo', { kind: 'undo' }],
  ['Undo that', { kind: 'undo' }],
  ['oops, undo', { kind: 'undo' }],
  ['undo!', { kind: 'undo' }],
  ['delete the last entry', { kind: 'undo' }],
  ['scratch that', { kind: 'undo' }],
  ['cancel that', { kind: 'undo' }],
  ['make that 90ml', amount(90, 'ml', 90)],
  ['make it 3 oz', amount(3, 'oz', 88.7)],
  ['sorry, make that 100 ml', amount(100, 'ml', 100)],
  ['actually 4oz', amount(4, 'oz', 118.3)],
  ['it was 3oz not 4oz', amount(3, 'oz', 88.7)],
  ['make that 90ml not 120', amount(90, 'ml', 90)],
  ['correction: 38.5C', amount(38.5, 'C')],
  ['make that 6.3 kg', amount(6.3, 'kg')],
  ['should be 2.5 ml', amount(2.5, 'ml', 2.5)],
  ['make that 1 tsp', amount(1, 'tsp', 5)],
  ['make that 20 min', amount(20, 'min')],
  ['that was at 2:30 not 3', { kind: 'amend_time', at: '2026-01-15T22:30:00.000Z', was: '2026-01-15T23:00:00.000Z' }],
  ['that was at 2:30', { kind: 'amend_time', at: '2026-01-15T22:30:00.000Z' }],
  ['it was 20 min ago', { kind: 'amend_time', at: '2026-01-15T23:50:00.000Z' }],
  ['make that 3:15', { kind: 'amend_time', at: '2026-01-15T23:15:00.000Z' }],
  ['no, it was at 1pm', { kind: 'amend_time', at: '2026-01-15T21:00:00.000Z' }],
  [
    'actually it was at 11:45 not 12',
    { kind: 'amend_time', at: '2026-01-15T19:45:00.000Z', was: '2026-01-15T20:00:00.000Z' },
  ],
  ['change it to 2pm', { kind: 'amend_time', at: '2026-01-15T22:00:00.000Z' }],
  // A feed amount restated after an opener or with "only": a bare bottle number (oz up to 12, ml from 20).
  ['no wait she only had 60', amount(60, 'ml', 60)],
  ['sorry she only had 3', amount(3, 'oz', 88.7)],
  ['she only drank 90', amount(90, 'ml', 90)],
  ['no she had 15', undefined],
  [
    'she had 60 at 3',
    {
      kind: 'log_feed',
      subject: { ambiguous: ['dep_maya', 'dep_leo'] },
      at: '2026-01-15T23:00:00.000Z',
      feed: { method: 'bottle', amountMl: 60, original: { value: 60, unit: 'ml' }, unitSource: 'inferred' },
    },
  ],
  ['time was 1:45', { kind: 'amend_time', at: '2026-01-15T21:45:00.000Z' }],
  ['the time was 2:30 not 3', { kind: 'amend_time', at: '2026-01-15T22:30:00.000Z', was: '2026-01-15T23:00:00.000Z' }],
  ['time was great', undefined],
  // Unsure: a bare number is an amount or a time; the other half of "not" must read too.
  ['make that 90', undefined],
  ['make that 3', undefined],
  ['that was fun', undefined],
  ['make that 90ml not 2:30', undefined],
  ['make that 4:20', undefined],
  ['undo maya', undefined],
]

describe('parseMessage: corrections', () => {
  it.each(corrections)('reads the correction "%s"', (...row) => expectCase(lopez, row))
})
