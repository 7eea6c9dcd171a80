import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { movedRule, ruleText, shiftOccurrences, type Weekday, weeklyRule } from '../../src/domain/nanny/time.js'
import { occurrencesBetween } from '../../src/lib/recurrence.js'

const NY = 'America/New_York'
const from = new Date('2026-03-01T00:00:00Z')
const to = new Date('2026-05-01T00:00:00Z')
/** Local "ccc yyyy-MM-dd HH:mm" of each occurrence, to read as a family would. */
const local = (dates: Date[]) => dates.map((d) => DateTime.fromJSDate(d, { zone: NY }).toFormat('ccc yyyy-MM-dd HH:mm'))
const occurrences = (r: { dtstart: string; rrule: string | null }) =>
  local(occurrencesBetween({ ...r, timezone: NY }, from, to, 100))

describe('weeklyRule', () => {
  it('writes every week, every other week and an end date in one order', () => {
    const weekdays: Weekday[] = ['FR', 'MO', 'WE']
    expect(weeklyRule(weekdays)).toBe('FREQ=WEEKLY;BYDAY=MO,WE,FR')
    expect(weeklyRule(['SA'], { every: 2 })).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;WKST=MO')
    expect(weeklyRule(['SA'], { every: 2, until: '2026-04-04' })).toBe(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;WKST=MO;UNTIL=20260404T235959',
    )
    expect(weeklyRule(undefined, { until: '2026-04-04' })).toBeNull()
  })

  it('says what it is', () => {
    expect(ruleText('FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU;WKST=MO;UNTIL=20260404T235959')).toBe(
      'Sat, Sun, every other week',
    )
    expect(ruleText('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR')).toBe('Mon–Fri')
  })
})

describe('an every-other-week shift that ends, and its reminders', () => {
  // Every other week, Mon–Wed 8:00–17:00, from Monday 2 March to Wednesday 1 April (DST starts 8 March).
  const shift = {
    dtstart: '2026-03-02T08:00',
    rrule: weeklyRule(['MO', 'TU', 'WE'], { every: 2, until: '2026-04-01' }),
  }

  it('works the weeks of 2, 16 and 30 March, at 8:00 local on both sides of the clock change', () => {
    expect(occurrences(shift)).toEqual([
      'Mon 2026-03-02 08:00',
      'Tue 2026-03-03 08:00',
      'Wed 2026-03-04 08:00',
      'Mon 2026-03-16 08:00',
      'Tue 2026-03-17 08:00',
      'Wed 2026-03-18 08:00',
      'Mon 2026-03-30 08:00',
      'Tue 2026-03-31 08:00',
      'Wed 2026-04-01 08:00',
    ])
  })

  it('reminds the evening before each of them: the Sunday before a working Monday, not the one after', () => {
    const eve = movedRule(shift, { dayDelta: -1, at: '19:00' })
    expect(eve).toEqual({
      dtstart: '2026-03-01T19:00',
      rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,SU;WKST=SU;UNTIL=20260331T235959',
    })
    expect(occurrences(eve)).toEqual([
      'Sun 2026-03-01 19:00',
      'Mon 2026-03-02 19:00',
      'Tue 2026-03-03 19:00',
      'Sun 2026-03-15 19:00',
      'Mon 2026-03-16 19:00',
      'Tue 2026-03-17 19:00',
      'Sun 2026-03-29 19:00',
      'Mon 2026-03-30 19:00',
      'Tue 2026-03-31 19:00',
    ])
  })

  it('an hour before and 15 minutes after every shift, the last one included', () => {
    const starts = occurrences(shift)
    const at = (moved: { dtstart: string; rrule: string | null }) => occurrences(moved)
    expect(at(movedRule(shift, { minutes: -60 }))).toEqual(starts.map((s) => s.replace('08:00', '07:00')))
    expect(at(movedRule(shift, { minutes: 15 }))).toEqual(starts.map((s) => s.replace('08:00', '08:15')))
  })

  it('a shift starting just before midnight on its last day still gets its clock-in check after midnight', () => {
    const late = { dtstart: '2026-03-06T23:50', rrule: weeklyRule(['FR'], { until: '2026-03-13' }) }
    const check = movedRule(late, { minutes: 15 })
    expect(check.rrule).toBe('FREQ=WEEKLY;BYDAY=SA;UNTIL=20260314T001459')
    expect(occurrences(check)).toEqual(['Sat 2026-03-07 00:05', 'Sat 2026-03-14 00:05'])
  })

  it('ends: nothing is planned after the last date', () => {
    const planned = shiftOccurrences({ ...shift, timezone: NY, minutes: 540 }, new Date('2026-04-01T00:00:00Z'), to)
    expect(planned.map((o) => o.date)).toEqual(['2026-04-01'])
  })
})
