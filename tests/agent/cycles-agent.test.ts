import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeAnthropic } from '../fakes/anthropic.js'
import { onboardFamily, startTestApp, type TestApp } from '../support/harness.js'

/**
 * Issue #8 through the model: the fake plays a model that tries every cycle read about Jane on behalf of
 * the owner, her partner (a parent without a share) and the nanny. The server runs each call as the
 * sender: every result is a refusal, and nothing of hers is in what the model was sent (system context,
 * replayed conversation, tool results). Jane herself, and a member she shares with, get answers.
 */

const ANA = '+15551230001' // owner
const JANE = '+15551230002' // tracks her cycle
const MARIA = '+15551230003' // nanny
const SAM = '+15551230004' // parent, her partner

// Tool descriptions name symptoms as examples ("e.g. cramps"), so her markers are a rarer one and her dates.
const MARKERS = ['2026-01-05', '2026-02-03', '2026-03-04', 'migraine', 'started on']

let anthropic: FakeAnthropic
let t: TestApp

async function say(from: string, body: string): Promise<string[]> {
  const before = t.inboxOf(from).length
  await t.sms(from, body)
  await t.settle()
  return t.inboxOf(from).slice(before)
}

const READS = [
  { name: 'cycle_prediction', input: { whose: 'Jane' } },
  { name: 'cycle_history', input: { whose: 'Jane' } },
  { name: 'cycle_history', input: { whose: 'jane', limit: 24 } },
]

beforeEach(async () => {
  anthropic = await new FakeAnthropic().start()
  t = await startTestApp({
    env: { ANTHROPIC_API_KEY: anthropic.apiKey, ANTHROPIC_BASE_URL: anthropic.url, ANTHROPIC_MODEL: 'claude-test' },
    deps: { agentLimits: { retryDelayMs: 1, turnTimeoutMs: 10_000 } },
  })
  await onboardFamily(t, ANA)
  for (const [name, phone, role] of [
    ['Jane', '+1 555 123 0002', 'family member'],
    ['Sam', '+1 555 123 0004', 'parent'],
    ['Maria', '+1 555 123 0003', 'nanny'],
  ] as const) {
    await say(ANA, `add ${name} ${phone} as ${role}`)
    await say(phone.replaceAll(' ', ''), 'yes')
  }
  for (const date of ['5 January', '3 February', '4 March']) await say(JANE, `period started on ${date}`)
  await say(JANE, 'period symptoms: migraine, bloating')
  anthropic.requests.length = 0
})
afterEach(async () => {
  await t?.close()
  await anthropic.stop()
})

describe('cycles through the agent', () => {
  it.each([
    ['the owner', ANA],
    ['her partner, a parent without a share', SAM],
    ['the nanny', MARIA],
  ])('%s gets a refusal from every cycle read, and the model is sent nothing of hers', async (_who, phone) => {
    anthropic.reply({ toolUse: READS }, { text: 'I can’t see that.' })
    expect(await say(phone, 'Tell me about Jane’s periods lately, anything I should know?')).toEqual([
      'I can’t see that.',
    ])
    const results = anthropic.toolResults(1).map((r) => String(r.content))
    expect(results).toHaveLength(READS.length)
    for (const r of results) expect(r).toMatch(/^Error \(not_found\): jane hasn’t shared cycle tracking with you\.$/i)
    const sent = JSON.stringify(anthropic.requests.map((r) => r.body))
    for (const marker of MARKERS) expect(sent).not.toContain(marker)
  })

  it('Jane reads her own through the same tools (the refusals above are not the tools failing)', async () => {
    anthropic.reply({ toolUse: [{ name: 'cycle_history', input: {} }] }, { text: 'Here it is.' })
    await say(JANE, 'Tell me about my periods lately, anything I should know?')
    const [history] = anthropic.toolResults(1).map((r) => String(r.content))
    expect(history).toContain('"start":"2026-03-04"')
    expect(history).toContain('migraine')
  })

  it('a member she shares with reads through the agent, and the model cannot make them write hers', async () => {
    await say(JANE, 'share my cycle with Sam')
    anthropic.requests.length = 0
    anthropic.reply(
      {
        toolUse: [
          { name: 'cycle_prediction', input: { whose: 'Jane' } },
          { name: 'log_period_start', input: { date: '2026-03-09', whose: 'Jane', member: 'Jane' } },
        ],
      },
      { text: 'Done.' },
    )
    await say(SAM, 'Jane says her period started yesterday, log it for her')
    const [prediction, write] = anthropic.toolResults(1).map((r) => String(r.content))
    expect(prediction).toContain('"lastStart":"2026-03-04"')
    // The extra fields are ignored: the write went to Sam's own record, and Jane's is unchanged.
    expect(write).not.toContain('Jane')
    anthropic.reply({ toolUse: [{ name: 'cycle_prediction', input: {} }] }, { text: 'ok' })
    await say(JANE, 'what does my cycle look like?')
    const [mine] = anthropic.toolResults(anthropic.requests.length - 1).map((r) => String(r.content))
    expect(mine).toContain('"lastStart":"2026-03-04"')
  })

  it('an answer built on cycle tracking is not kept in the asker’s conversation memory', async () => {
    await say(JANE, 'share my cycle with Sam')
    anthropic.reply({ toolUse: [{ name: 'cycle_prediction', input: { whose: 'Jane' } }] }, { text: 'Around 2 April.' })
    await say(SAM, 'roughly when does Jane expect her next one?')
    anthropic.reply({ text: 'Sure.' })
    await say(SAM, 'thanks, anything else today?')
    const last = anthropic.requests.at(-1)?.body
    expect(JSON.stringify(last?.messages)).not.toContain('2 April')
    expect(JSON.stringify(last?.messages)).not.toContain('next one')
  })
})
