/**
 * Runs conversations through the real pipeline: signed Twilio webhooks into the inbox, the worker, the
 * red-flag gate, the fast path and the agent (LangChain + the real Anthropic SDK) against a model
 * endpoint, replies out through the outbox to the fake Twilio. Each conversation gets a fresh database
 * with the eval families; the model endpoint (and so its prompt cache) lives across conversations.
 */
import { and, eq, gte, inArray } from 'drizzle-orm'
import { agentTools } from '../src/agent/model/registry.js'
import { assistantToolCalls, assistantUsage } from '../src/domain/assistant/schema.js'
import { auditLog } from '../src/domain/audit/schema.js'
import { resolveActor } from '../src/domain/families/queries.js'
import { members } from '../src/domain/families/schema.js'
import { ManualClock } from '../src/lib/clock.js'
import type { FakeAnthropic } from '../tests/fakes/anthropic.js'
import { startTestApp, type TestApp } from '../tests/support/harness.js'
import { checkTurn, type Mode } from './checks.js'
import { callsOf, type ModelEndpoint } from './observe.js'
import { EVAL_NOW, type Person, PHONES, seedEvalFamilies } from './seed.js'
import type { Conversation, Probe, Turn } from './types.js'

export interface RunOptions {
  mode: Mode
  endpoint: ModelEndpoint
  /** Fake mode: the fake behind `endpoint`, which gets each turn's script. */
  fake?: FakeAnthropic
  model: string
  /** Send the prompt-cache markers (ANTHROPIC_PROMPT_CACHE). */
  promptCache: boolean
  conversations: readonly Conversation[]
  /** Called as each conversation ends (progress output). */
  onConversation?: (r: ConversationResult) => void
}

/** Token counts of one agent turn, from its assistant_usage rows. */
export interface Tokens {
  input: number
  output: number
  cacheRead: number
  cacheWrite: number
}

export interface TurnResult {
  conversation: string
  turn: number
  route?: string
  failures: string[]
  /** What the sender got back (printed for failures with --verbose; never logged). */
  replies: string[]
  /** Agent turns only. */
  tokens?: Tokens
  /** The agent's own time for the turn (assistant_usage.ms), model included. */
  agentMs?: number
  /** Webhook in → reply at the fake Twilio, through the whole pipeline. */
  e2eMs: number
  modelRequests: number
}

export interface ConversationResult {
  id: string
  kind: Conversation['kind']
  passed: boolean
  /** "turn N: …" lines. */
  failures: string[]
  turns: TurnResult[]
}

const WRITE_TOOLS: ReadonlySet<string> = new Set(agentTools.filter((t) => !t.readOnly).map((t) => t.name))

export async function runConversations(opts: RunOptions): Promise<ConversationResult[]> {
  const results: ConversationResult[] = []
  for (const c of opts.conversations) {
    const r = await runConversation(opts, c)
    results.push(r)
    opts.onConversation?.(r)
  }
  return results
}

async function runConversation(opts: RunOptions, c: Conversation): Promise<ConversationResult> {
  const t = await startTestApp({
    clock: new ManualClock(EVAL_NOW),
    env: {
      ANTHROPIC_API_KEY: opts.endpoint.apiKey,
      ANTHROPIC_BASE_URL: opts.endpoint.url,
      ANTHROPIC_MODEL: opts.model,
      ANTHROPIC_PROMPT_CACHE: opts.promptCache ? 'on' : 'off',
    },
    // Against the fake, a retry need not wait; against the real API the defaults stand.
    deps: opts.mode === 'fake' ? { agentLimits: { retryDelayMs: 1 } } : {},
  })
  const turns: TurnResult[] = []
  try {
    await t.app.mednanny.db.transaction((tx) => seedEvalFamilies(tx))
    for (const [i, turn] of c.turns.entries()) turns.push(await runTurn(opts, t, c, i, turn))
  } finally {
    opts.fake?.clearScript()
    await t.close()
  }
  const failures = turns.flatMap((r) => r.failures.map((f) => `turn ${r.turn + 1}: ${f}`))
  return { id: c.id, kind: c.kind, passed: failures.length === 0, failures, turns }
}

async function runTurn(opts: RunOptions, t: TestApp, c: Conversation, i: number, turn: Turn): Promise<TurnResult> {
  const { db } = t.app.mednanny
  const since = t.clock.advance(60_000)
  const phone = PHONES[turn.from]
  const sender = await db.read((tx) => resolveActor(tx, { kind: 'phone', address: phone, channel: 'sms' }))
  if (!sender) throw new Error(`${c.id}: no member at ${turn.from}`)
  const repliesBefore = t.inboxOf(phone).length
  const logsBefore = t.logs.lines.length
  const exchangesBefore = opts.endpoint.exchanges().length
  if (opts.mode === 'fake') opts.fake?.reply(...(turn.fake ?? []))

  const started = performance.now()
  await (turn.channel === 'whatsapp' ? t.whatsapp(phone, turn.text) : t.sms(phone, turn.text))
  await t.settle()
  const e2eMs = performance.now() - started

  const handled = t.logs.lines
    .slice(logsBefore)
    .map((l) => JSON.parse(l) as { msg?: string; route?: string; inboxId?: string })
    .find((l) => l.msg === 'inbound handled')
  const inboxId = handled?.inboxId ?? ''
  const exchanges = opts.endpoint.exchanges().slice(exchangesBefore)
  const usage = await db.read((tx) => tx.select().from(assistantUsage).where(eq(assistantUsage.inboxId, inboxId)))
  const journaled = await db.read((tx) =>
    tx.select().from(assistantToolCalls).where(eq(assistantToolCalls.inboxId, inboxId)),
  )
  const audit = await db.read((tx) => tx.select().from(auditLog).where(gte(auditLog.at, since)))
  const probe: Probe = { db, sender, since, memberId: (p) => memberIdOf(t, sender.familyId, p) }
  const replies = t.inboxOf(phone).slice(repliesBefore)
  const failures = await checkTurn(
    opts.mode,
    turn.expect,
    {
      route: handled?.route,
      replies,
      calls: callsOf(exchanges),
      usage,
      journaled: journaled.length,
      audit,
      writeTools: WRITE_TOOLS,
    },
    probe,
  )
  const unused = opts.mode === 'fake' ? (opts.fake?.clearScript() ?? 0) : 0
  if (unused) failures.push(`fake: ${unused} scripted step(s) never requested`)
  const agent = usage.length > 0
  return {
    conversation: c.id,
    turn: i,
    route: handled?.route,
    failures,
    replies,
    tokens: agent
      ? {
          input: sum(usage, 'inputTokens'),
          output: sum(usage, 'outputTokens'),
          cacheRead: sum(usage, 'cacheReadTokens'),
          cacheWrite: sum(usage, 'cacheWriteTokens'),
        }
      : undefined,
    agentMs: agent ? sum(usage, 'ms') : undefined,
    e2eMs,
    modelRequests: exchanges.length,
  }
}

async function memberIdOf(t: TestApp, familyId: string, person: Person): Promise<string> {
  const name = person.charAt(0).toUpperCase() + person.slice(1)
  const [m] = await t.app.mednanny.db.read((tx) =>
    tx
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.familyId, familyId), inArray(members.name, [name]))),
  )
  if (!m) throw new Error(`no member ${name}`)
  return m.id
}

function sum<K extends string>(rows: Record<K, number>[], key: K): number {
  return rows.reduce((s, r) => s + r[key], 0)
}
