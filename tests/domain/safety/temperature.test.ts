import { describe, expect, it } from 'vitest'
import { extractTemperatures, toCelsius } from '../../../src/domain/safety/temperature.js'
import { normalise } from '../../../src/domain/safety/text.js'

const read = (text: string) =>
  extractTemperatures(normalise(text)).map((r) => ({ celsius: r.celsius, unit: r.unit, site: r.site }))

describe('extractTemperatures', () => {
  it.each([
    ['temp 38.4', 38.4, 'C', undefined],
    ['101.2F armpit', 38.44, 'F', 'axillary'],
    ['38,4', 38.4, 'C', undefined],
    ['100.4 degrees', 38, 'F', undefined],
    ['39c rectal', 39, 'C', 'rectal'],
    ["she's at 102", 38.89, 'F', undefined],
    ['temp is 38.0°C', 38, 'C', undefined],
    ['38.5 ºC in her ear', 38.5, 'C', 'ear'],
    ['forehead 37.9', 37.9, 'C', 'forehead'],
    ['oral 99.9', 37.72, 'F', 'oral'],
    ['101', 38.33, 'F', undefined],
    ['Maya is 38', 38, 'C', undefined],
    ['temp 35.2 C', 35.2, 'C', undefined],
    ['33.5 C', 33.5, 'C', undefined],
  ])('reads %j as %d °C', (text, celsius, unit, site) => {
    expect(read(text)).toEqual([{ celsius, unit, site }])
  })

  it.each([
    'room temp is 72',
    'bath water 37',
    'fed 120ml at 3',
    'weighed 6.2 kg',
    'nursery is 68 degrees',
    "it's 38 degrees outside",
    'warmed the bottle to 37',
    'she is 38 weeks',
    'nap 1:15-2:40',
    'fed at 10:38',
    'Sam is 3',
    'she had 39.5 last week',
    'temp 45',
    'her temp is 72 F',
    '$38.50 for diapers',
    'she was 36 days old',
  ])('finds no body temperature in %j', (text) => {
    expect(read(text)).toEqual([])
  })

  it('reads every reading in a message', () => {
    expect(read('Sam temp 39, Maya 38.2').map((r) => r.celsius)).toEqual([39, 38.2])
  })

  it('converts on the reference anchors exactly (CONV-F-C)', () => {
    expect([100.4, 102.2, 104, 99, 100].map(toCelsius)).toEqual([38, 39, 40, 37.22, 37.78])
  })
})
