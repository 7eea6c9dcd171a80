import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  bareBottleUnit,
  bareTemperatureUnit,
  bareVolumeUnit,
  fahrenheitToCelsius,
  KG_PER_LB,
  ML_PER_FL_OZ,
  ozToMl,
  toNumber,
} from '../../../src/agent/parser/units.js'
import { instantsOf, offsetMinutesAt, wallTimeAt } from '../../../src/agent/parser/zone.js'

describe('units', () => {
  it('converts fl oz to ml and back within the 0.1 ml rounding', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.25, max: 14, noNaN: true }), (oz) => {
        expect(Math.abs(ozToMl(oz) / ML_PER_FL_OZ - oz)).toBeLessThanOrEqual(0.05 / ML_PER_FL_OZ + 1e-9)
      }),
    )
  })

  it('converts °F to °C and back within the 0.01 °C rounding', () => {
    fc.assert(
      fc.property(fc.double({ min: 86, max: 111, noNaN: true }), (f) => {
        expect(Math.abs((fahrenheitToCelsius(f) * 9) / 5 + 32 - f)).toBeLessThanOrEqual(0.005 * 1.8 + 1e-9)
      }),
    )
  })

  it('uses the exact pound and the reference thresholds (health-facts §0)', () => {
    expect(KG_PER_LB).toBe(0.45359237)
    expect(fahrenheitToCelsius(100.4)).toBe(38)
    expect(fahrenheitToCelsius(104)).toBe(40)
    expect(ozToMl(4)).toBe(118.3)
  })

  it('reads a bare reading by the §0 ranges: 34–43 °C, 93–110 °F, nothing else', () => {
    expect([33.9, 34, 38, 43, 43.1, 92.9, 93, 100.4, 110, 110.1, 72].map(bareTemperatureUnit)).toEqual([
      undefined,
      'C',
      'C',
      'C',
      undefined,
      undefined,
      'F',
      'F',
      'F',
      undefined,
      undefined,
    ])
  })

  it('reads a bare bottle amount in the locale’s unit, and only with a region', () => {
    expect(['en-US', 'es-US', 'en-GB', 'en-AU', 'fr-FR', 'en', 'not a locale'].map(bareVolumeUnit)).toEqual([
      'oz',
      'oz',
      'ml',
      'ml',
      'ml',
      undefined,
      undefined,
    ])
  })

  it('reads a bare bottle number as oz up to 12 and ml from 20 where bottles are in oz; ml elsewhere', () => {
    const us = [4, 12, 15, 19, 20, 120, 500].map((n) => bareBottleUnit(n, 'en-US'))
    expect(us).toEqual(['oz', 'oz', undefined, undefined, 'ml', 'ml', undefined])
    const uk = [4, 10, 120, 500].map((n) => bareBottleUnit(n, 'en-GB'))
    expect(uk).toEqual([undefined, 'ml', 'ml', undefined])
  })

  it('reads numbers as people type them', () => {
    expect(['4', '2.5', '.5', '1/2', '1 1/2', '1/0', 'x'].map(toNumber)).toEqual([
      4,
      2.5,
      0.5,
      0.5,
      1.5,
      undefined,
      undefined,
    ])
  })
})

describe('zone', () => {
  it('finds the instant a wall time in the zone shows, and back', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('Europe/London', 'America/Los_Angeles', 'Australia/Lord_Howe', 'Asia/Kathmandu'),
        (at, zone) => {
          const whole = new Date(Math.floor(at.getTime() / 60_000) * 60_000)
          expect(instantsOf(wallTimeAt(whole, zone), zone)).toContainEqual(whole)
        },
      ),
    )
  })

  it('knows the offsets either side of a change', () => {
    expect(offsetMinutesAt(new Date('2026-03-29T00:59:00Z'), 'Europe/London')).toBe(0)
    expect(offsetMinutesAt(new Date('2026-03-29T01:00:00Z'), 'Europe/London')).toBe(60)
    expect(instantsOf({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, 'Europe/London')).toEqual([])
    expect(instantsOf({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/Los_Angeles')).toEqual([
      new Date('2026-11-01T08:30:00Z'),
      new Date('2026-11-01T09:30:00Z'),
    ])
  })
})
