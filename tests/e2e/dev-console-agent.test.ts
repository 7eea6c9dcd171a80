import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_PHONES } from '../../src/domain/record/demo.js'
import { NO_ASSISTANT } from '../../src/pipeline/replies.js'
import { FakeAnthropic, toolResultsOf } from '../fakes/anthropic.js'
import { startTestApp, type TestApp } from '../support/harness.js'

/**
 * Issue #6, "done means": a free-form question typed in the dev console is answered from the record
 * when a key is configured, and gracefully without one. Through the console's own HTTP API.
 */

let anthropic: FakeAnthropic
let t: TestApp

beforeEach(async () => {
  anthropic = await new FakeAnthropic().start()
})
afterEach(async () => {
  await t?.close()
  await anthropic.stop()
})

async function ask(body: string): Promise<string | undefined> {
  const sent = await t.app.inject({
    method: 'POST',
    url: '/dev/api/messages',
    payload: { channel: 'sms', from: DEMO_PHONES.ana, body },
  })
  expect(sent.statusCode).toBe(202)
  const { inboxId } = sent.json() as { inboxId: string }
  await t.settle()
  const feed = (await t.app.inject({ method: 'GET', url: '/dev/api/feed' })).json() as {
    outbox: { inReplyTo: string | null; body: string }[]
  }
  return feed.outbox.find((m) => m.inReplyTo === inboxId)?.body
}

describe('the dev console with the assistant', () => {
  it('answers a free-form question from the record when a key is configured', async () => {
    t = await startTestApp({
      env: {
        DEV_CONSOLE: '1',
        ANTHROPIC_API_KEY: anthropic.apiKey,
        ANTHROPIC_BASE_URL: anthropic.url,
        ANTHROPIC_MODEL: 'claude-test',
      },
    })
    expect((await t.app.inject({ method: 'POST', url: '/dev/api/demo' })).statusCode).toBe(201)
    anthropic.reply(
      {
        toolUse: [
          { name: 'refill_days', input: { dependent: 'Joe', drug: 'metformin' } },
          { name: 'refill_days', input: { dependent: 'Grandpa', drug: 'lisinopril' } },
        ],
      },
      (req) => {
        // The answer is made from what the tools returned for the demo family, as a model would.
        const lines = toolResultsOf(req).map((r) => {
          const x = JSON.parse(r.content) as { medication: string; days: number }
          return `${x.medication}: ${x.days} days`
        })
        return { text: `Grandpa's supply — ${lines.join(', ')}.` }
      },
    )
    const answer = await ask('is grandpa going to run out of any of his pills soon?')
    expect(answer).toMatch(/^Grandpa's supply — /)
    expect(answer).toContain('Lisinopril: 6 days') // 9 tablets, 3 days of doses logged
    expect(answer).toContain('Metformin: 17 days') // 40 tablets, 6 doses logged, 2 a day
  })

  it('says plainly what needs the assistant when no key is configured', async () => {
    t = await startTestApp({ env: { DEV_CONSOLE: '1' } })
    await t.app.inject({ method: 'POST', url: '/dev/api/demo' })
    expect(await ask('is grandpa going to run out of any of his pills soon?')).toBe(NO_ASSISTANT)
    expect(anthropic.requests).toHaveLength(0)
  })
})
