/**
 * `npm run bench` runs every scenario; `npm run bench -- ingest|latency|fast-path|cycles|cycles-bbt|agent|slack` runs one. Each figure is
 * printed with its ratio to a baseline measured in the same run. Nothing is asserted: goals are printed.
 */

import { agentBench } from './agent.js'
import { charts, pdf } from './charts.js'
import { coverage } from './coverage.js'
import { cycles, cyclesBbt } from './cycles.js'
import { fastPath } from './fast-path.js'
import { gate } from './gate.js'
import { ingest } from './ingest.js'
import { latency } from './latency.js'
import { memory } from './memory.js'
import { scheduler, schedulerIdle } from './scheduler.js'
import { slack } from './slack.js'
import { sos } from './sos.js'
import { agent, type Row } from './support.js'

const SCENARIOS: Record<string, () => Promise<Row>> = {
  ingest,
  latency,
  memory,
  coverage,
  gate,
  'fast-path': fastPath,
  scheduler,
  'scheduler-idle': schedulerIdle,
  sos,
  charts,
  pdf,
  cycles,
  'cycles-bbt': cyclesBbt,
  agent: agentBench,
  slack,
}

async function main() {
  const wanted = process.argv.slice(2)
  const unknown = wanted.filter((name) => !SCENARIOS[name])
  if (unknown.length) {
    console.error(`unknown scenario ${unknown.join(', ')}; choose from ${Object.keys(SCENARIOS).join(', ')}`)
    process.exitCode = 2
    return
  }
  const names = wanted.length ? wanted : Object.keys(SCENARIOS)
  const rows: Row[] = []
  try {
    for (const name of names) {
      const scenario = SCENARIOS[name]
      if (scenario) rows.push(await scenario())
    }
  } finally {
    // Idle keep-alive sockets to finished servers would otherwise hold the process open.
    agent.destroy()
  }
  printSummary(rows)
}

function printSummary(rows: Row[]) {
  const table = [
    ['scenario', 'mednanny', 'baseline', 'ratio', 'goal', 'met'],
    ...rows.map((r) => [r.scenario, r.figure, r.baseline, r.ratio.toFixed(2), r.goal, r.met ? 'yes' : 'NO']),
  ]
  const widths = table[0]?.map((_, col) => Math.max(...table.map((line) => (line[col] ?? '').length))) ?? []
  console.log('\nsummary')
  for (const line of table) console.log(`  ${line.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ')}`)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
