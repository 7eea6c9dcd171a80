import { describe, expect, it } from 'vitest'
import { nextOccurrence, occurrencesBetween, type Recurrence, recurrenceProblem } from '../../src/lib/recurrence.js'

const iso = (d: Date[]) => d.map((x) => x.toISOString())
const between = (r: Recurrence, from: string, to: string, limit = 50) =>
  iso(occurrencesBetween(r, new Date(from), new Date(to), limit))

describe('recurrence on the family’s wall clock', () => {
  it('keeps a daily 8:00 at 8:00 local across both DST changes in New York', () => {
    const r = { dtstart: '2026-03-01T08:00', rrule: 'FREQ=DAILY', timezone: 'America/New_York' }
    expect(between(r, '2026-03-07T00:00Z', '2026-03-09T23:00Z')).toEqual([
      '2026-03-07T13:00:00.000Z', // EST
      '2026-03-08T12:00:00.000Z', // spring forward: EDT
      '2026-03-09T12:00:00.000Z',
    ])
    expect(between(r, '2026-10-31T00:00Z', '2026-11-02T23:00Z')).toEqual([
      '2026-10-31T12:00:00.000Z',
      '2026-11-01T13:00:00.000Z', // fall back: EST
      '2026-11-02T13:00:00.000Z',
    ])
  })

  it('fires a 2:30 am reminder once on spring-forward day, at 3:30 daylight time', () => {
    const r = { dtstart: '2026-03-01T02:30', rrule: 'FREQ=DAILY', timezone: 'America/New_York' }
    expect(between(r, '2026-03-07T00:00Z', '2026-03-09T23:00Z')).toEqual([
      '2026-03-07T07:30:00.000Z',
      '2026-03-08T07:30:00.000Z', // 2:30 does not exist: 3:30 EDT
      '2026-03-09T06:30:00.000Z',
    ])
  })

  it('fires a 1:30 am reminder once on fall-back day, at the first 1:30', () => {
    const ny = { dtstart: '2026-10-01T01:30', rrule: 'FREQ=DAILY', timezone: 'America/New_York' }
    expect(between(ny, '2026-10-31T12:00Z', '2026-11-02T12:00Z')).toEqual([
      '2026-11-01T05:30:00.000Z', // 1:30 EDT, not again at 1:30 EST
      '2026-11-02T06:30:00.000Z',
    ])
    const london = { dtstart: '2026-10-01T01:30', rrule: 'FREQ=DAILY', timezone: 'Europe/London' }
    expect(between(london, '2026-10-24T12:00Z', '2026-10-26T12:00Z')).toEqual([
      '2026-10-25T00:30:00.000Z', // 1:30 BST, the first of two
      '2026-10-26T01:30:00.000Z',
    ])
  })

  it('handles London’s spring-forward gap (1:00–2:00) and a weekly rule', () => {
    const r = { dtstart: '2026-03-02T01:15', rrule: 'FREQ=WEEKLY;BYDAY=SU', timezone: 'Europe/London' }
    expect(between(r, '2026-03-20T00:00Z', '2026-04-06T00:00Z')).toEqual([
      '2026-03-22T01:15:00.000Z',
      '2026-03-29T01:15:00.000Z', // 1:15 GMT does not exist: 2:15 BST = 01:15Z
      '2026-04-05T00:15:00.000Z',
    ])
  })

  it('gives the next occurrence at or after a moment, and nothing after a one-off has passed', () => {
    const daily = { dtstart: '2026-11-20T19:00', rrule: 'FREQ=DAILY', timezone: 'America/Los_Angeles' }
    expect(nextOccurrence(daily, new Date('2026-11-27T03:00:00Z'))?.toISOString()).toBe('2026-11-27T03:00:00.000Z')
    expect(nextOccurrence(daily, new Date('2026-11-27T03:00:01Z'))?.toISOString()).toBe('2026-11-28T03:00:00.000Z')
    const once = { dtstart: '2026-11-27T14:00', timezone: 'America/New_York' }
    expect(nextOccurrence(once, new Date('2026-11-27T18:00:00Z'))?.toISOString()).toBe('2026-11-27T19:00:00.000Z')
    expect(nextOccurrence(once, new Date('2026-11-27T19:00:01Z'))).toBeUndefined()
    const twice = { dtstart: '2026-11-27T14:00', rrule: 'FREQ=DAILY;COUNT=2', timezone: 'America/New_York' }
    expect(nextOccurrence(twice, new Date('2026-11-28T19:00:01Z'))).toBeUndefined()
  })

  it('says what is wrong with a rule before it is stored', () => {
    expect(recurrenceProblem({ dtstart: '2026-11-27T14:00', rrule: 'FREQ=DAILY', timezone: 'Europe/London' })).toBe(
      undefined,
    )
    expect(recurrenceProblem({ dtstart: '27/11 2pm', timezone: 'Europe/London' })).toMatch(/dtstart/)
    expect(recurrenceProblem({ dtstart: '2026-11-27T14:00', timezone: 'Mars/Olympus' })).toMatch(/time zone/)
    expect(recurrenceProblem({ dtstart: '2026-11-27T14:00', rrule: 'FREQ=SOMETIMES', timezone: 'UTC' })).toMatch(
      /RRULE/,
    )
  })
})
