import type { ConversationResult, Tokens, TurnResult } from './runner.js'

/** Figures of a run, for the report, the bench and the test. */
export interface Summary {
  passed: number
  total: number
  /** Agent turns (the ones with usage rows). */
  agentTurns: number
  /** Mean per agent turn. */
  perTurn: Tokens & { billedInput: number; modelRequests: number }
  /** cache read / (input + cache read + cache write), over the run. */
  cacheHitShare: number
  agentMs: { p50: number; p95: number }
  e2eMs: { p50: number; p95: number }
  routes: Record<string, number>
}

/** Anthropic's prompt-caching prices relative to base input: reads 0.1×, 5-minute writes 1.25×. */
export const CACHE_READ_PRICE = 0.1
export const CACHE_WRITE_PRICE = 1.25

export const billedInput = (t: Tokens) => t.input + CACHE_READ_PRICE * t.cacheRead + CACHE_WRITE_PRICE * t.cacheWrite

export function summarize(results: readonly ConversationResult[]): Summary {
  const turns = results.flatMap((r) => r.turns)
  const agent = turns.filter((t): t is TurnResult & { tokens: Tokens } => t.tokens !== undefined)
  const total = agent.reduce(
    (s, t) => ({
      input: s.input + t.tokens.input,
      output: s.output + t.tokens.output,
      cacheRead: s.cacheRead + t.tokens.cacheRead,
      cacheWrite: s.cacheWrite + t.tokens.cacheWrite,
    }),
    { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
  )
  const n = Math.max(1, agent.length)
  const routes: Record<string, number> = {}
  for (const t of turns) {
    const stage = t.route?.split(':')[0] ?? 'none'
    routes[stage] = (routes[stage] ?? 0) + 1
  }
  const promptTokens = total.input + total.cacheRead + total.cacheWrite
  return {
    passed: results.filter((r) => r.passed).length,
    total: results.length,
    agentTurns: agent.length,
    perTurn: {
      input: total.input / n,
      output: total.output / n,
      cacheRead: total.cacheRead / n,
      cacheWrite: total.cacheWrite / n,
      billedInput: billedInput(total) / n,
      modelRequests: agent.reduce((s, t) => s + t.modelRequests, 0) / n,
    },
    cacheHitShare: promptTokens ? total.cacheRead / promptTokens : 0,
    agentMs: percentiles(agent.map((t) => t.agentMs ?? 0)),
    e2eMs: percentiles(agent.map((t) => t.e2eMs)),
    routes,
  }
}

function percentiles(values: number[]): { p50: number; p95: number } {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
  return { p50: at(50) ?? Number.NaN, p95: at(95) ?? Number.NaN }
}

const f0 = (n: number) => Math.round(n).toLocaleString('en-US')

/** The report as lines: pass rate, failures with reasons, tokens, cache share, latency. */
export function reportLines(
  results: readonly ConversationResult[],
  opts: { verbose?: boolean } = {},
  s = summarize(results),
): string[] {
  const lines = [`pass rate: ${s.passed}/${s.total} conversations (${pct(s.passed / Math.max(1, s.total))})`]
  const kinds = [...new Set(results.map((r) => r.kind))]
  lines.push(
    `  by kind: ${kinds
      .map((k) => {
        const of = results.filter((r) => r.kind === k)
        return `${k} ${of.filter((r) => r.passed).length}/${of.length}`
      })
      .join(', ')}`,
  )
  for (const r of results.filter((x) => !x.passed)) {
    lines.push(`  FAIL ${r.id}`)
    for (const f of r.failures) lines.push(`    - ${f}`)
    if (opts.verbose) {
      for (const t of r.turns) lines.push(`    turn ${t.turn + 1} (${t.route}): ${t.replies.join(' | ')}`)
    }
  }
  const t = s.perTurn
  lines.push(
    `turns: ${Object.values(s.routes).reduce((a, b) => a + b, 0)} (${Object.entries(s.routes)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}); agent turns ${s.agentTurns}, ${t.modelRequests.toFixed(2)} model requests per turn`,
    `tokens per agent turn: input ${f0(t.input)}, output ${f0(t.output)}, cache read ${f0(t.cacheRead)}, cache write ${f0(t.cacheWrite)}`,
    `  billed-input equivalent per turn (input + 0.1 × read + 1.25 × write): ${f0(t.billedInput)}`,
    `cache-hit share (read / (input + read + write)): ${pct(s.cacheHitShare)}`,
    `latency per agent turn: agent p50 ${ms(s.agentMs.p50)}, p95 ${ms(s.agentMs.p95)}; webhook → reply p50 ${ms(s.e2eMs.p50)}, p95 ${ms(s.e2eMs.p95)}`,
  )
  return lines
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
const ms = (x: number) => `${x.toFixed(0)} ms`
