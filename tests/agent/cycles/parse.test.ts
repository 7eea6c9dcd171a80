import { describe, expect, it } from 'vitest'
import { parseCycle, parseDate } from '../../../src/agent/cycles/parse.js'

const TODAY = '2026-03-10' // a Tuesday

describe('parseCycle', () => {
  it.each([
    ['period started today', { kind: 'start' }],
    ['Period started', { kind: 'start' }],
    ['my period started yesterday', { kind: 'start', date: '2026-03-09' }],
    ['My period started 3 days ago.', { kind: 'start', date: '2026-03-07' }],
    ['period started on Sunday', { kind: 'start', date: '2026-03-08' }],
    ['period started on 3 March', { kind: 'start', date: '2026-03-03' }],
    ['got my period', { kind: 'start' }],
    [
      'period started yesterday, heavy flow and cramps',
      {
        kind: 'start',
        date: '2026-03-09',
        day: { flow: 'heavy', symptoms: ['cramps'] },
      },
    ],
    ['period ended', { kind: 'end' }],
    ['period over', { kind: 'end' }],
    ['my period ended yesterday', { kind: 'end', date: '2026-03-09' }],
    ["period's over", { kind: 'end' }],
    ['heavy flow today', { kind: 'day', day: { flow: 'heavy' } }],
    ['spotting', { kind: 'day', day: { flow: 'spotting' } }],
    [
      'light flow, bad cramps and a headache',
      { kind: 'day', day: { flow: 'light', symptoms: ['cramps', 'headache'] } },
    ],
    ['period symptoms: bloating, mood swings', { kind: 'day', day: { symptoms: ['bloating', 'mood swings'] } }],
    ['BBT 36.4', { kind: 'day', day: { bbt: 36.4 } }],
    ['bbt 97.6F', { kind: 'day', day: { bbt: 97.6 } }],
    // A disturbed reading, said with it ([NFPI-DISTURB], [FETUK-DISTURB] in parse.ts).
    ['BBT 36.9, hungover', { kind: 'day', day: { bbt: 36.9, bbtDisturbed: true } }],
    ['bbt 36.8 (sick)', { kind: 'day', day: { bbt: 36.8, bbtDisturbed: true } }],
    ['bbt 97.9F slept badly', { kind: 'day', day: { bbt: 97.9, bbtDisturbed: true } }],
    ['BBT 36.7 taken late', { kind: 'day', day: { bbt: 36.7, bbtDisturbed: true } }],
    ['bbt 36.6 - had some wine last night', { kind: 'day', day: { bbt: 36.6, bbtDisturbed: true } }],
    ['bbt 36.6, hung-over', { kind: 'day', day: { bbt: 36.6, bbtDisturbed: true } }],
    ['bbt 36.6 up with the baby', { kind: 'day', day: { bbt: 36.6, bbtDisturbed: true } }],
    // Said not to have happened, or not a disturbance at all: a normal reading.
    ['bbt 36.5, no fever', { kind: 'day', day: { bbt: 36.5 } }],
    ['bbt 36.5 not sick', { kind: 'day', day: { bbt: 36.5 } }],
    ['bbt 36.5 no alcohol', { kind: 'day', day: { bbt: 36.5 } }],
    ["bbt 36.5, don't have a cold", { kind: 'day', day: { bbt: 36.5 } }],
    ['bbt 36.5 not feeling sick', { kind: 'day', day: { bbt: 36.5 } }],
    ['bbt 36.5 wasnt sick', { kind: 'day', day: { bbt: 36.5 } }],
    ['basal temp 36,55 yesterday', { kind: 'day', date: '2026-03-09', day: { bbt: 36.55 } }],
    ['when is my next period?', { kind: 'query', what: 'next' }],
    ['When will my period come', { kind: 'query', what: 'next' }],
    ['next period', { kind: 'query', what: 'next' }],
    ['when am I fertile?', { kind: 'query', what: 'fertile' }],
    ['fertile window', { kind: 'query', what: 'fertile' }],
    ['when do I ovulate', { kind: 'query', what: 'fertile' }],
    ['cycle history', { kind: 'query', what: 'history' }],
    ['my cycle', { kind: 'query', what: 'history' }],
    ["when is Jane's next period?", { kind: 'query', what: 'next', whose: 'Jane' }],
    ['when is jane fertile', { kind: 'query', what: 'fertile', whose: 'Jane' }],
    ["Jane's cycle history", { kind: 'query', what: 'history', whose: 'Jane' }],
    ['remind me before my period', { kind: 'remind', on: true }],
    ['remind me 3 days before my period', { kind: 'remind', on: true, daysBefore: 3 }],
    ['period reminders off', { kind: 'remind', on: false }],
    ['stop period reminders', { kind: 'remind', on: false }],
    ['share my cycle with Sam', { kind: 'share', member: 'Sam' }],
    ['stop sharing my cycle with sam', { kind: 'unshare', member: 'Sam' }],
    ['who can see my cycle?', { kind: 'shares' }],
    ['period started last week sometime', { kind: 'unclear_date' }],
    ['day 1', { kind: 'start' }],
    ['day 1 yesterday', { kind: 'start', date: '2026-03-09' }],
  ])('reads “%s”', (text, expected) => {
    expect(parseCycle(text, TODAY)).toEqual(expected)
  })

  it.each([
    'Maya has cramps',
    'remind me tomorrow to call the pharmacy',
    'the feeding period was long',
    'she slept for a long period of time',
    'heavy rain today, we stayed in',
    'temp 38.2',
    'fed 120 ml',
    'period',
    'day 1 of amoxicillin',
    'day 1 at the new daycare went well',
    'I think the cycle of the washing machine is broken and it made a heavy noise',
    // A "not" that is not a disturbance's stays a word: these are not her entries.
    "bbt 36.5 not mine, my sister's",
    'BBT 36.5 - is that not high',
  ])('leaves “%s” to the next stage', (text) => {
    expect(parseCycle(text, TODAY)).toBeUndefined()
  })
})

describe('parseDate', () => {
  it('reads the usual ways of saying a recent day, never a future one', () => {
    expect(parseDate('today', TODAY)).toBeUndefined()
    expect(parseDate('yesterday', TODAY)).toBe('2026-03-09')
    expect(parseDate('on monday', TODAY)).toBe('2026-03-09')
    expect(parseDate('tuesday', TODAY)).toBe('2026-03-03')
    expect(parseDate('march 12', TODAY)).toBe('unclear')
    expect(parseDate('june 12', TODAY)).toBe('2025-06-12')
    expect(parseDate('2026-02-27', TODAY)).toBe('2026-02-27')
    expect(parseDate('31 feb', TODAY)).toBe('unclear')
    expect(parseDate('whenever', TODAY)).toBe('unclear')
  })
})
