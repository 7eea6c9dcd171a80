import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeAnthropic } from '../fakes/anthropic.js'
import { onboardFamily, PUBLIC_BASE_URL, startTestApp, type TestApp } from '../support/harness.js'

const ANA = '+15551230001'
let anthropic: FakeAnthropic
let t: TestApp

async function say(from: string, body: string): Promise<string[]> {
  const before = t.inboxOf(from).length
  await t.sms(from, body)
  await t.settle()
  return t.inboxOf(from).slice(before)
}

beforeEach(async () => {
  anthropic = await new FakeAnthropic().start()
  t = await startTestApp({
    env: { ANTHROPIC_API_KEY: anthropic.apiKey, ANTHROPIC_BASE_URL: anthropic.url, ANTHROPIC_MODEL: 'claude-test' },
    deps: { agentLimits: { retryDelayMs: 1, turnTimeoutMs: 10_000 } },
  })
  t.clock.set('2026-03-10T15:00:00Z')
  await onboardFamily(t, ANA)
  await say(ANA, 'add Maya, born 2025-11-10')
  await say(ANA, 'maya slept 1:15-2:40')
  anthropic.requests.length = 0
})
afterEach(async () => {
  await t.close()
  await anthropic.stop()
})

describe('the model agent and charts', () => {
  it('a chart the model makes with make_chart goes with its answer as media', async () => {
    anthropic.reply(
      { toolUse: [{ name: 'make_chart', input: { dependent: 'Maya', chart: 'sleep', days: 7 } }] },
      { text: 'Here is how Maya slept this week.' },
    )
    expect(await say(ANA, 'could you show me how maya has been sleeping lately?')).toEqual([
      'Here is how Maya slept this week.',
    ])
    const [result] = anthropic.toolResults(1)
    expect(JSON.parse(String(result?.content))).toMatchObject({ kind: 'sleep_chart', dependent: 'Maya', days: 7 })
    const sent = t.fake.messages.filter((m) => m.to === ANA).at(-1)
    expect(sent?.mediaUrls).toHaveLength(1)
    const res = await t.app.inject({ method: 'GET', url: (sent?.mediaUrls[0] ?? '').slice(PUBLIC_BASE_URL.length) })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('image/png')
  })

  it('an answer without a chart carries no media', async () => {
    anthropic.reply({ text: 'Diapers, wipes and a spare outfit.' })
    await say(ANA, 'what should I pack for the pediatrician?')
    expect(t.fake.messages.filter((m) => m.to === ANA).at(-1)?.mediaUrls).toEqual([])
  })
})
