import { describe, expect, it } from 'vitest'
import { parsePreference } from '../../../src/agent/preferences/parse.js'
import { parseClock } from '../../../src/lib/clock-words.js'

describe('parsePreference', () => {
  it.each([
    ['digest on', { kind: 'digest', on: true }],
    ['Daily digest ON', { kind: 'digest', on: true }],
    ['digest off', { kind: 'digest', on: false }],
    ['digest at 9pm', { kind: 'digest', on: true, at: '21:00' }],
    ['digest at 21:30', { kind: 'digest', on: true, at: '21:30' }],
    ['digest at 7:15 a.m.', { kind: 'digest', on: true, at: '07:15' }],
    ['digest at 9', { kind: 'unclear_time', what: 'digest' }],
    ['digest', { kind: 'show' }],
    ['quiet hours 10pm-7am', { kind: 'quiet', start: '22:00', end: '07:00' }],
    ['quiet hours from 22:00 to 06:30', { kind: 'quiet', start: '22:00', end: '06:30' }],
    ['Quiet hours 1pm – 3pm.', { kind: 'quiet', start: '13:00', end: '15:00' }],
    ['quiet hours off', { kind: 'quiet_off' }],
    ['quiet hours 10-7', { kind: 'unclear_time', what: 'quiet' }],
    ['quiet hours', { kind: 'show' }],
  ])('reads “%s”', (text, expected) => {
    expect(parsePreference(text)).toEqual(expected)
  })

  it.each(['the digest of the week was long', 'digest is broken', 'quiet night', 'she had a quiet day'])(
    'leaves “%s” to the next stage',
    (text) => {
      expect(parsePreference(text)).toBeUndefined()
    },
  )

  it('refuses impossible clock times', () => {
    expect(parseClock('13pm')).toBeUndefined()
    expect(parseClock('24:00')).toBeUndefined()
    expect(parseClock('9:75pm')).toBeUndefined()
    expect(parseClock('12am')).toBe('00:00')
    expect(parseClock('12pm')).toBe('12:00')
  })
})
