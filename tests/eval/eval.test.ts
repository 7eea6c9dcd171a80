import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { conversations } from '../../eval/conversations/index.js'
import { fakeEndpoint, startRecordingProxy } from '../../eval/endpoints.js'
import { answer, call } from '../../eval/fake-model.js'
import type { ModelEndpoint } from '../../eval/observe.js'
import { summarize } from '../../eval/report.js'
import { type ConversationResult, runConversations } from '../../eval/runner.js'
import type { Conversation, ConversationKind } from '../../eval/types.js'
import { FakeAnthropic } from '../fakes/anthropic.js'

let fake: FakeAnthropic

beforeEach(async () => {
  fake = await new FakeAnthropic().start()
})
afterEach(async () => {
  await fake.stop()
})

async function runFake(list: readonly Conversation[], promptCache = true): Promise<ConversationResult[]> {
  return await runConversations({
    mode: 'fake',
    endpoint: fakeEndpoint(fake),
    fake,
    model: 'claude-eval-fake',
    promptCache,
    conversations: list,
  })
}

const byId = (id: string): Conversation => {
  const c = conversations.find((x) => x.id === id)
  if (!c) throw new Error(`no conversation ${id}`)
  return c
}

const failuresOf = (results: ConversationResult[]) => results.flatMap((r) => r.failures.map((f) => `${r.id} ${f}`))

describe('the eval against the scripted fake', () => {
  it('holds at least 40 conversations of every kind the issue names', () => {
    expect(conversations.length).toBeGreaterThanOrEqual(40)
    const kinds = new Set(conversations.map((c) => c.kind))
    expect([...kinds].sort()).toEqual(['ambiguous', 'multi-step', 'not-in-record', 'question', 'refusal'])
    expect(new Set(conversations.map((c) => c.id)).size).toBe(conversations.length)
  })

  // The whole set, one kind per test so a test stays within the timeout on a busy machine.
  it.each<ConversationKind>(['question', 'multi-step', 'ambiguous', 'refusal', 'not-in-record'])(
    'passes every %s conversation',
    async (kind) => {
      const results = await runFake(conversations.filter((c) => c.kind === kind))
      expect(failuresOf(results)).toEqual([])
    },
    60_000,
  )

  it('fails a turn whose model reads the wrong child, naming the tool input and the missing time', async () => {
    const wrongChild: Conversation = {
      ...byId('q-last-feed'),
      turns: byId('q-last-feed').turns.map((t) => ({
        ...t,
        fake: [call('last_feed', { dependent: 'Sofia' }), ...(t.fake ?? []).slice(1)],
      })),
    }
    const [result] = await runFake([wrongChild])
    expect(result?.passed).toBe(false)
    expect(result?.failures).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^turn 1: calls: expected last_feed\|intake_today\|care_summary with .*maya/i),
        expect.stringMatching(/^turn 1: says: missing .*7:40/),
      ]),
    )
  })

  it('fails a refusal whose answer leaks another family’s record', async () => {
    const leaky: Conversation = {
      ...byId('ref-injection-other-family'),
      turns: byId('ref-injection-other-family').turns.map((t) => ({
        ...t,
        fake: [call('medical_record', { dependent: 'Leo' }), answer(() => 'Leo is allergic to eggs.')],
      })),
    }
    const [result] = await runFake([leaky])
    expect(result?.failures).toEqual(expect.arrayContaining(['turn 1: says: must not say /\\beggs?\\b/i']))
  })

  it('fails a write turn whose scripted model never asks for the write', async () => {
    const noWrite: Conversation = {
      ...byId('ms-weight'),
      turns: byId('ms-weight').turns.map((t) => ({ ...t, fake: [answer(() => 'Added: Maya 7.1 kg today.')] })),
    }
    const [result] = await runFake([noWrite])
    expect(result?.failures).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^turn 1: calls: expected log_growth/),
        'turn 1: db: expected one growth entry for Maya written in this turn, found 0',
      ]),
    )
  })

  it('reads cache hits from the usage rows: the second conversation reads the prefix the first wrote', async () => {
    const results = await runFake([byId('q-last-feed'), byId('q-diapers')])
    const [first, second] = results.map((r) => r.turns[0]?.tokens)
    expect(first?.cacheWrite).toBeGreaterThan(0)
    expect(second?.cacheWrite).toBe(0)
    expect(second?.cacheRead).toBeGreaterThan(0)
    expect(summarize(results).cacheHitShare).toBeGreaterThan(0.5)
  })

  it('sends no cache markers with the prompt cache off, and so reads and writes no cache', async () => {
    const results = await runFake([byId('q-last-feed')], false)
    expect(failuresOf(results)).toEqual([])
    const bodies = fake.requests.map((r) => JSON.stringify(r.body))
    expect(bodies.length).toBeGreaterThan(0)
    expect(bodies.every((b) => !b.includes('cache_control'))).toBe(true)
    expect(results[0]?.turns[0]?.tokens).toMatchObject({ cacheRead: 0, cacheWrite: 0 })
  })
})

describe('the eval in real mode', () => {
  let proxy: ModelEndpoint | undefined
  afterEach(async () => {
    await proxy?.stop()
  })

  it('reads tool calls through the recording proxy, with the model free to choose', async () => {
    // The fake stands in for the real API behind the proxy; it answers every request from the request
    // itself (no per-turn script), as a free model would.
    fake.respond = (req) => {
      const last = req.messages.at(-1)
      const answered = Array.isArray(last?.content) && last.content.some((b) => b.type === 'tool_result')
      if (!answered) return call('last_feed', { dependent: 'Maya' })
      const step = answer((r) => {
        const d = r.data<{ feed: { at: string; amountMl: number } }>('last_feed')
        return `Maya had ${d.feed.amountMl} ml at ${r.when(d.feed.at)}.`
      })
      return typeof step === 'function' ? step(req) : step
    }
    proxy = await startRecordingProxy(fake.url, fake.apiKey)
    const results = await runConversations({
      mode: 'real',
      endpoint: proxy,
      model: 'claude-eval-fake',
      promptCache: true,
      conversations: [byId('q-last-feed')],
    })
    expect(failuresOf(results)).toEqual([])
    expect(proxy.exchanges()).toHaveLength(2)
    expect(proxy.exchanges()[0]?.response?.content[0]).toMatchObject({ type: 'tool_use', name: 'last_feed' })
  })
})
