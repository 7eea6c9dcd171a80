/** Precision and recall of the gate per tier over a labelled corpus; shared by the test and bench/gate.ts. */
import { evaluateGate, TIERS, type Tier } from '../../../src/domain/safety/index.js'
import { type GateCase, input } from './fixtures.js'

export interface TierScore {
  tier: Tier
  /** Cases labelled with this tier. */
  support: number
  truePositives: number
  falsePositives: number
  falseNegatives: number
  /** TP / (TP + FP); 1 when the gate never answered this tier. */
  precision: number
  /** TP / (TP + FN); 1 when no case is labelled with this tier. */
  recall: number
}

export function scoreCorpus(cases: GateCase[]): TierScore[] {
  const got = cases.map((c) => evaluateGate(input(c)).tier)
  return TIERS.map((tier) => {
    let tp = 0
    let fp = 0
    let fn = 0
    cases.forEach((c, i) => {
      const want = c.expect.tier === tier
      const said = got[i] === tier
      if (want && said) tp++
      else if (said) fp++
      else if (want) fn++
    })
    return {
      tier,
      support: tp + fn,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: tp + fp ? tp / (tp + fp) : 1,
      recall: tp + fn ? tp / (tp + fn) : 1,
    }
  })
}
