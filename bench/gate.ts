/**
 * The red-flag gate alone: its precision and recall per tier over the labelled corpus
 * (tests/domain/safety/corpus.ts), and its cost per message against a floor measured in the same run —
 * lower-casing the text and one regex test, the least a keyword gate could do.
 */
import { evaluateGate, type GateInput } from '../src/domain/safety/index.js'
import { CORPUS, input } from '../tests/domain/safety/corpus.js'
import { scoreCorpus } from '../tests/domain/safety/metrics.js'
import type { Row } from './support.js'

const REPEAT = 200
const WARMUP = 20
// A gate that costs more than this per message would be felt in the pipeline (ingest runs at thousands/s).
const GOAL_US = 1000
const FLOOR = /\b(?:sos|seizure|not breathing|choking|fever|tylenol|motrin)\b/

export async function gate(): Promise<Row> {
  const inputs = CORPUS.map(input)
  console.log(`\ngate: ${CORPUS.length} labelled messages, each evaluated ${REPEAT} times`)
  const scores = scoreCorpus(CORPUS)
  console.log('  tier             cases  precision  recall   (TP / FP / FN)')
  for (const s of scores) {
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6)
    const counts = `(${s.truePositives} / ${s.falsePositives} / ${s.falseNegatives})`
    console.log(
      `  ${s.tier.padEnd(16)} ${String(s.support).padStart(5)}  ${pct(s.precision)}     ${pct(s.recall)}   ${counts}`,
    )
  }
  const gaps = CORPUS.filter((c) => c.knownGap).length
  console.log(`  known gaps in the corpus (counted above as errors): ${gaps}`)

  const floorUs = perMessage(inputs, (i) => (FLOOR.test(i.text.toLowerCase()) ? 1 : 0))
  const gateUs = perMessage(inputs, (i) => evaluateGate(i).findings.length)
  const ratio = gateUs / floorUs
  const recall = (tier: string) => scores.find((s) => s.tier === tier)?.recall ?? 0
  const safe = recall('emergency') === 1 && recall('urgent_fever') === 1
  const met = safe && gateUs < GOAL_US
  console.log(`  baseline (lower-case + one regex): ${floorUs.toFixed(2)} µs/message`)
  console.log(`  gate (every rule, all findings):   ${gateUs.toFixed(2)} µs/message`)
  console.log(
    `  ratio gate ÷ baseline: ${ratio.toFixed(1)}  goal recall 100% (emergency, urgent_fever) and < ${GOAL_US} µs: ${met ? 'met' : 'NOT met'}`,
  )
  return {
    scenario: 'gate',
    figure: `${gateUs.toFixed(1)} µs/msg, recall ${safe ? '100%' : 'BELOW 100%'}`,
    baseline: `${floorUs.toFixed(2)} µs/msg (lower-case + regex)`,
    ratio,
    goal: `recall 100%, < ${GOAL_US} µs`,
    met,
  }
}

/** Mean µs per message over REPEAT passes, after WARMUP passes; `work` returns a number so nothing is elided. */
function perMessage(inputs: GateInput[], work: (i: GateInput) => number): number {
  let sink = 0
  for (let r = 0; r < WARMUP; r++) for (const i of inputs) sink += work(i)
  const started = performance.now()
  for (let r = 0; r < REPEAT; r++) for (const i of inputs) sink += work(i)
  const us = ((performance.now() - started) * 1000) / (REPEAT * inputs.length)
  if (sink < 0) console.log(sink)
  return us
}
