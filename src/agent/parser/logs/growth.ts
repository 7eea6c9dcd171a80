import { cutAll, type Input } from '../grammar.js'
import { resolveSubject } from '../subject.js'
import type { GrowthMeasurement, LogCommand, Quantity } from '../types.js'
import { CM_PER_IN, KG_PER_LB, KG_PER_OZ, NUM, round, toNumber } from '../units.js'
import { readWhen } from '../when.js'

const LINK = String.raw`\s*(?:is|was|of|:|-|at)?\s*`
const MASS = String.raw`(${NUM})\s*(kg|g|lb)(?:\s*(${NUM})\s*oz)?\b`
const LENGTH = String.raw`(${NUM})\s*(cm|in)\b`
const WEIGHT = new RegExp(String.raw`\b(?:weigh(?:s|ed|ing)?(?: in)?|weight|wt)${LINK}${MASS}`, 'g')
/** A mass in kg or lb needs no keyword: no feed, dose or reading is written in them ("maya 14 lb"). */
const BARE_MASS = new RegExp(String.raw`(?<![\d.])${MASS}`, 'g')
/** Where and why it was weighed: "at her checkup", "new weight", "weigh-in". */
const VISIT =
  /\b(?:at (?:the |her |his )?(?:doctor'?s?|dr'?s?|checkup|check-up|appointment|appt|visit|well visit|pediatrician|peds|clinic)|new|weigh-in|check|weight)\b/g
const LENGTH_BEFORE = new RegExp(String.raw`\b(?:length|height|len)${LINK}${LENGTH}`, 'g')
const LENGTH_AFTER = new RegExp(String.raw`${LENGTH}\s*(?:long|tall)\b`, 'g')
const HEAD = new RegExp(String.raw`\b(?:head(?: circumference| circ)?|hc)${LINK}${LENGTH}`, 'g')

const ORDER = ['weight', 'length', 'head']

/** Plausible for anyone from a preterm baby to grandpa; outside it the message goes to the agent. */
const RANGES = { weight: [0.3, 300], length: [20, 230], head: [20, 70] } as const

/** "weighed 6.2 kg today", "weighs 13 lb 4 oz", "maya 14 lb", "62 cm long", "head 40.5 cm"; several at once. */
export function parseGrowth(input: Input): LogCommand | undefined {
  let t = input.rest
  const measurements: GrowthMeasurement[] = []
  const specs: [RegExp, GrowthMeasurement['measure']][] = [
    [WEIGHT, 'weight'],
    [HEAD, 'head'],
    [LENGTH_BEFORE, 'length'],
    [LENGTH_AFTER, 'length'],
  ]
  if (!WEIGHT.test(t)) specs.push([BARE_MASS, 'weight'])
  WEIGHT.lastIndex = 0
  for (const [re, measure] of specs) {
    const cut = cutAll(t, re)
    for (const m of cut.found) {
      const found = measure === 'weight' ? mass(m) : length(m, measure)
      if (!found || measurements.some((x) => x.measure === measure)) return undefined
      measurements.push(found)
    }
    t = cut.rest
  }
  if (measurements.length === 0) return undefined
  measurements.sort((a, b) => ORDER.indexOf(a.measure) - ORDER.indexOf(b.measure))
  const self = /\bmy (?:weight|height|length)\b|\bi weigh\b/.test(input.text) ? 'subject' : 'reject'
  const subject = resolveSubject(input.mentions, input.ctx, { pool: 'all', self })
  const when = readWhen(cutAll(t, VISIT).rest, input.clock, { today: true })
  if (!subject || !when) return undefined
  return { kind: 'log_growth', subject, at: when.at, measurements }
}

function inRange(m: GrowthMeasurement): GrowthMeasurement | undefined {
  const [lo, hi] = RANGES[m.measure]
  return m.value >= lo && m.value <= hi ? m : undefined
}

function mass(m: RegExpExecArray): GrowthMeasurement | undefined {
  const value = toNumber(m[1] ?? '') ?? Number.NaN
  const unit = m[2] as 'kg' | 'g' | 'lb'
  const oz = m[3] === undefined ? undefined : toNumber(m[3])
  if (oz !== undefined && (unit !== 'lb' || oz >= 16)) return undefined
  const original: Quantity<'kg' | 'g' | 'lb' | 'oz'>[] = [{ value, unit }]
  if (oz !== undefined) original.push({ value: oz, unit: 'oz' })
  const kg = unit === 'kg' ? value : unit === 'g' ? value / 1000 : value * KG_PER_LB + (oz ?? 0) * KG_PER_OZ
  return inRange({ measure: 'weight', value: round(kg, 3), unit: 'kg', original })
}

function length(m: RegExpExecArray, measure: 'length' | 'head'): GrowthMeasurement | undefined {
  const value = toNumber(m[1] ?? '') ?? Number.NaN
  const unit = m[2] === 'in' ? 'in' : 'cm'
  const cm = unit === 'in' ? value * CM_PER_IN : value
  return inRange({ measure, value: round(cm, 1), unit: 'cm', original: [{ value, unit }] })
}
