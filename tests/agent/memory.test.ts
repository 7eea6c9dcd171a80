import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isForgetRequest } from '../../src/agent/memory/stage.js'
import type { AgentLimits } from '../../src/agent/model/agent.js'
import { splitByBudget } from '../../src/agent/model/memory.js'
import type { ActorContext } from '../../src/domain/actor.js'
import { conversationSummaries, conversationTurns } from '../../src/domain/conversation/schema.js'
import { resolveActor } from '../../src/domain/families/queries.js'
import { FakeAnthropic, type FakeMessagesRequest } from '../fakes/anthropic.js'
import { onboardFamily, startTestApp, type TestApp, tempDir } from '../support/harness.js'

const ANA = '+15551230001' // owner
const MARIA = '+15551230003' // the nanny
const BOB = '+15551239999' // another family's owner
const KEY = 'c'.repeat(64)

let anthropic: FakeAnthropic
let t: TestApp
let temp: ReturnType<typeof tempDir>

const env = () => ({
  ANTHROPIC_API_KEY: anthropic.apiKey,
  ANTHROPIC_BASE_URL: anthropic.url,
  ANTHROPIC_MODEL: 'claude-test',
  DATA_ENCRYPTION_KEY: KEY,
})

async function startAgentApp(limits: Partial<AgentLimits> = {}, from?: TestApp) {
  return await startTestApp({
    dbPath: `${temp.dir}/mednanny.db`,
    fake: from?.fake,
    clock: from?.clock,
    env: env(),
    deps: { agentLimits: { retryDelayMs: 1, turnTimeoutMs: 10_000, ...limits } },
  })
}

async function say(from: string, body: string, app = t): Promise<string[]> {
  const before = app.inboxOf(from).length
  await app.sms(from, body)
  await app.settle()
  return app.inboxOf(from).slice(before)
}

/** The conversation a request carried: each message as `role: text`. */
function transcript(body: FakeMessagesRequest | undefined): string[] {
  return (body?.messages ?? []).map((m) => {
    const text =
      typeof m.content === 'string'
        ? m.content
        : m.content.map((b) => (b.type === 'text' ? b.text : `[${b.type}]`)).join(' ')
    return `${m.role}: ${text}`
  })
}

const lastRequest = () => anthropic.requests.at(-1)?.body

async function actorOf(phone: string): Promise<ActorContext> {
  const actor = await t.app.mednanny.db.read((tx) =>
    resolveActor(tx, { kind: 'phone', address: phone, channel: 'sms' }),
  )
  if (!actor) throw new Error(`no member at ${phone}`)
  return actor
}

/** Ana's family with Maya and Maria the nanny; the model's requests are cleared after. */
async function seedFamily() {
  t.clock.set('2026-03-10T13:00:00Z')
  await onboardFamily(t, ANA)
  await say(ANA, 'add Maya, born 2025-11-01')
  await say(ANA, 'add Maria +1 555 123 0003 as nanny')
  await say(MARIA, 'yes')
  anthropic.requests.length = 0
}

beforeEach(async () => {
  anthropic = await new FakeAnthropic().start()
  temp = tempDir()
})
afterEach(async () => {
  await t?.close()
  await anthropic.stop()
  temp.cleanup()
})

describe('conversation memory', () => {
  it('replays the earlier exchange, fast-path ones included, in the next request', async () => {
    t = await startAgentApp()
    await seedFamily()
    // The onboarding exchanges are remembered too; start this conversation from a clean slate.
    await say(ANA, 'forget this conversation')
    expect(await say(ANA, 'fed Maya 120ml at 8')).toEqual([expect.stringContaining('Logged: Maya, bottle')])
    anthropic.reply({ text: 'She usually takes about 4 oz.' })
    await say(ANA, 'is that a normal amount for her?')
    expect(transcript(lastRequest())).toEqual([
      'user: fed Maya 120ml at 8',
      expect.stringMatching(/^assistant: Logged: Maya, bottle 4.1 oz \(120 ml\) at 8:00 AM/),
      'user: is that a normal amount for her?',
    ])
    anthropic.reply({ text: 'At her next bottle, around 11.' })
    await say(ANA, 'and when should the next one be?')
    expect(transcript(lastRequest()).slice(-3)).toEqual([
      'user: is that a normal amount for her?',
      'assistant: She usually takes about 4 oz.',
      'user: and when should the next one be?',
    ])
  })

  it('persists across a restart', async () => {
    t = await startAgentApp()
    await seedFamily()
    anthropic.reply({ text: 'Bring her vaccine card and the feeding log.' })
    await say(ANA, 'what should we bring to the 6-month visit?')
    await t.app.close()
    const again = await startAgentApp({}, t)
    try {
      anthropic.reply({ text: 'A spare outfit, in case.' })
      expect(await say(ANA, 'anything else worth packing?', again)).toEqual(['A spare outfit, in case.'])
      expect(transcript(lastRequest()).slice(-3)).toEqual([
        'user: what should we bring to the 6-month visit?',
        'assistant: Bring her vaccine card and the feeding log.',
        'user: anything else worth packing?',
      ])
    } finally {
      await again.close()
    }
  })

  it('never crosses members or families', async () => {
    t = await startAgentApp()
    await seedFamily()
    await onboardFamily(t, BOB, 'Bob', 'The Smiths')
    anthropic.reply({ text: 'Noted: the pediatrician is Dr. Okafor.' })
    await say(ANA, 'our secret word for the pediatrician is pineapple')
    anthropic.requests.length = 0
    await say(MARIA, 'what did Ana just tell you?')
    await say(BOB, 'what did Ana just tell you?')
    expect(anthropic.requests).toHaveLength(2)
    for (const r of anthropic.requests) {
      const seen = JSON.stringify(r.body.messages)
      expect(seen).not.toContain('pineapple')
      expect(seen).not.toContain('Dr. Okafor')
    }
  })

  it('“forget this conversation” forgets only the sender’s, and is not remembered itself', async () => {
    t = await startAgentApp()
    await seedFamily()
    anthropic.reply({ text: 'Okay.' }, { text: 'Okay.' })
    await say(ANA, 'we call Maya “bean” at home')
    await say(MARIA, 'Maya napped at daycare')
    expect(await say(ANA, 'Forget this conversation.')).toEqual([
      'Done — I’ve forgotten our conversation here. Nothing in the family’s record changed; what was logged stays logged.',
    ])
    anthropic.reply({ text: 'Hello!' }, { text: 'Hi Maria.' })
    await say(ANA, 'hi again')
    expect(transcript(lastRequest())).toEqual(['user: hi again'])
    await say(MARIA, 'hello')
    expect(transcript(lastRequest())).toContain('user: Maya napped at daycare')
  })

  it('summarizes older turns past the budget and replays only the recent ones', async () => {
    t = await startAgentApp({ memoryChars: 150 })
    await seedFamily()
    await say(ANA, 'forget this conversation')
    anthropic.reply(
      { text: 'Around 6 months is the usual time; ask her pediatrician.' },
      { text: 'Often iron-rich purées or cereal.' },
      { text: 'Ana is planning solids for Maya (about 6 months) and asked about first foods.' }, // the summary
      { text: 'Once a day at first.' },
    )
    await say(ANA, 'we are thinking of starting Maya on solids')
    await say(ANA, 'which foods do families usually start with?')
    anthropic.requests.length = 0
    expect(await say(ANA, 'and how often should we offer them?')).toEqual(['Once a day at first.'])
    expect(anthropic.requests).toHaveLength(2)
    const [summaryCall, answerCall] = anthropic.requests.map((r) => r.body)
    expect(JSON.stringify(summaryCall?.system)).toContain('You condense the earlier part of a conversation')
    expect(transcript(summaryCall)[0]).toContain('Member: we are thinking of starting Maya on solids')
    const system = answerCall?.system as { text: string }[]
    expect(system[1]?.text).toContain('# Earlier in this conversation')
    expect(system[1]?.text).toContain('Ana is planning solids for Maya')
    expect(transcript(answerCall)).toEqual([
      'user: which foods do families usually start with?',
      'assistant: Often iron-rich purées or cereal.',
      'user: and how often should we offer them?',
    ])
    const actor = await actorOf(ANA)
    const stored = await t.app.mednanny.db.read(async (tx) => ({
      summaries: await tx.select().from(conversationSummaries),
      turns: await tx.select().from(conversationTurns),
    }))
    expect(stored.summaries).toHaveLength(1)
    expect(stored.summaries[0]).toMatchObject({ familyId: actor.familyId, memberId: actor.memberId })
    // Sealed at rest, like the record's notes.
    expect(stored.summaries[0]?.summary).toMatch(/^enc1:/)
    expect(stored.turns.every((r) => r.said.startsWith('enc1:') && r.answered.startsWith('enc1:'))).toBe(true)
    expect(JSON.stringify(stored)).not.toContain('solids')
    // The summarized turn is gone; the one replayed and the new one remain.
    expect(stored.turns.filter((r) => r.memberId === actor.memberId)).toHaveLength(2)
  })

  it('still answers, with the recent turns, when the summary cannot be written', async () => {
    t = await startAgentApp({ memoryChars: 150 })
    await seedFamily()
    await say(ANA, 'forget this conversation')
    anthropic.reply(
      { text: 'Around 6 months is the usual time; ask her pediatrician.' },
      { text: 'Often iron-rich purées or cereal.' },
      { status: 400 }, // the summary call fails for good
      { text: 'Once a day at first.' },
    )
    await say(ANA, 'we are thinking of starting Maya on solids')
    await say(ANA, 'which foods do families usually start with?')
    expect(await say(ANA, 'and how often should we offer them?')).toEqual(['Once a day at first.'])
    expect(transcript(lastRequest())[0]).toBe('user: which foods do families usually start with?')
    const rows = await t.app.mednanny.db.read(async (tx) => ({
      summaries: await tx.select().from(conversationSummaries),
      turns: await tx.select().from(conversationTurns),
    }))
    expect(rows.summaries).toHaveLength(0)
    expect(rows.turns.filter((r) => r.memberId === (rows.turns.at(-1)?.memberId ?? ''))).toHaveLength(3)
    expect(t.logs.text).toContain('conversation summary failed; replaying recent turns only')
  })

  it('is deleted after MESSAGE_RETENTION_DAYS by the scheduler', async () => {
    t = await startAgentApp()
    await seedFamily()
    anthropic.reply({ text: 'Okay.' })
    await say(ANA, 'just checking in')
    const count = () => t.app.mednanny.db.read(async (tx) => (await tx.select().from(conversationTurns)).length)
    expect(await count()).toBeGreaterThan(0)
    t.clock.advance(31 * 86_400_000)
    await t.app.mednanny.scheduler.tick()
    expect(await count()).toBe(0)
  })
})

describe('splitByBudget', () => {
  const turn = (i: number, chars: number) => ({
    id: `turn_${i}`,
    said: 'x'.repeat(chars / 2),
    answered: 'y'.repeat(chars / 2),
    route: 'agent:model',
    at: new Date(i * 1000),
  })

  it('keeps every turn while they fit', () => {
    const turns = [turn(1, 100), turn(2, 100)]
    expect(splitByBudget(turns, 200)).toEqual({ older: [], recent: turns })
  })

  it('past the budget, keeps the most recent half-budget and summarizes the rest', () => {
    const turns = [1, 2, 3, 4, 5].map((i) => turn(i, 100))
    const { older, recent } = splitByBudget(turns, 400)
    expect(older.map((x) => x.id)).toEqual(['turn_1', 'turn_2', 'turn_3'])
    expect(recent.map((x) => x.id)).toEqual(['turn_4', 'turn_5'])
  })

  it('always keeps the last turn, however long', () => {
    const turns = [turn(1, 100), turn(2, 5000)]
    expect(splitByBudget(turns, 400).recent.map((x) => x.id)).toEqual(['turn_2'])
  })
})

describe('isForgetRequest', () => {
  it.each([
    'forget this conversation',
    'Forget our conversation.',
    'please forget this chat',
    'clear the chat history',
    'delete this conversation please',
    'ok, wipe this thread',
    'reset the conversation',
  ])('“%s” forgets', (text) => expect(isForgetRequest(text)).toBe(true))

  it.each([
    'forget the 2pm reminder',
    'I forgot to log her nap',
    'delete the last feed',
    'clear',
    'forget it',
    'can you forget this conversation about her rash and tell me when she ate?',
  ])('“%s” does not', (text) => expect(isForgetRequest(text)).toBe(false))
})
