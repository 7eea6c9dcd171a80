import { describe, expect, it } from 'vitest'
import { readLogForm, type ViewValues } from '../../src/channels/slack/modal-input.js'

const NOW = new Date('2026-03-10T15:00:00Z') // 11:00 in New York (EDT since March 8)
const ZONE = 'America/New_York'
const values = (fields: Record<string, Record<string, unknown>>): ViewValues =>
  Object.fromEntries(Object.entries(fields).map(([block, state]) => [block, { value: state }])) as ViewValues
const base = (date = '2026-03-10', time = '10:00') => ({
  child: { selected_option: { value: 'dep_1' } },
  date: { selected_date: date },
  time: { selected_time: time },
})

describe('reading the /nanny log form', () => {
  it('reads the time on the family’s wall clock', () => {
    const out = readLogForm(values({ ...base(), diaper: { selected_options: [{ value: 'dirty' }] } }), {
      kind: 'diaper',
      timezone: ZONE,
      now: NOW,
    })
    expect(out).toEqual({
      entry: { kind: 'diaper', dependent: 'dep_1', at: new Date('2026-03-10T14:00:00Z'), wet: false, dirty: true },
    })
  })

  it('places a time in the spring-forward gap after it, as luxon does (2:30 on March 8 is 3:30 EDT)', () => {
    const out = readLogForm(
      values({ ...base('2026-03-08', '02:30'), diaper: { selected_options: [{ value: 'wet' }] } }),
      {
        kind: 'diaper',
        timezone: ZONE,
        now: NOW,
      },
    )
    expect('entry' in out && out.entry.at.toISOString()).toBe('2026-03-08T07:30:00.000Z')
  })

  it('reports every common problem at once: no child, no kind, no time', () => {
    expect(readLogForm(values({}), { timezone: ZONE, now: NOW })).toEqual({
      errors: { child: 'Choose who this is for.', kind: 'Choose what to log.', time: 'Choose a date and a time.' },
    })
  })

  it('uses the kind chosen in the form when the modal was opened for all kinds', () => {
    const out = readLogForm(
      values({
        ...base(),
        kind: { selected_option: { value: 'feed' } },
        feed_method: { selected_option: { value: 'breast' } },
        feed_minutes: { value: '12' },
      }),
      { timezone: ZONE, now: NOW },
    )
    expect(out).toMatchObject({ entry: { kind: 'feed', method: 'breast', minutes: 12 } })
  })

  it('refuses a bottle over a litre, a nap still going, a dose without a medicine, an empty diaper', () => {
    const read = (kind: 'feed' | 'sleep' | 'dose' | 'diaper', fields: Record<string, Record<string, unknown>>) =>
      readLogForm(values({ ...base(), ...fields }), { kind, timezone: ZONE, now: NOW })
    expect(read('feed', { feed_ml: { value: '1500' } })).toEqual({ errors: { feed_ml: 'Between 1 and 1000 ml.' } })
    expect(
      read('sleep', { sleep_event: { selected_option: { value: 'range' } }, sleep_minutes: { value: '120' } }),
    ).toEqual({
      errors: { sleep_minutes: 'That nap isn’t over yet.' },
    })
    expect(read('dose', { dose_drug: { value: '  ' } })).toEqual({ errors: { dose_drug: 'Which medicine?' } })
    expect(read('diaper', { diaper: { selected_options: [] } })).toEqual({ errors: { diaper: 'Wet, dirty or both?' } })
  })

  it('turns a finished nap into a start and an end', () => {
    const out = readLogForm(
      values({
        ...base('2026-03-10', '09:00'),
        sleep_event: { selected_option: { value: 'range' } },
        sleep_minutes: { value: '45' },
      }),
      { kind: 'sleep', timezone: ZONE, now: NOW },
    )
    expect(out).toEqual({
      entry: {
        kind: 'sleep',
        dependent: 'dep_1',
        event: 'range',
        at: new Date('2026-03-10T13:00:00Z'),
        endAt: new Date('2026-03-10T13:45:00Z'),
      },
    })
  })
})
