import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/lib/clock.js'
import { onboardFamily, startTestApp, type TestApp } from '../support/harness.js'

const ANA = '+15551230001'
let t: TestApp

async function say(body: string): Promise<string[]> {
  const before = t.inboxOf(ANA).length
  await t.sms(ANA, body)
  await t.settle()
  return t.inboxOf(ANA).slice(before)
}

beforeEach(async () => {
  t = await startTestApp({ clock: new ManualClock('2026-11-18T21:10:00Z') })
  await onboardFamily(t, ANA)
  await say('add Leo, born March 2 2023, 15 kg')
})
afterEach(async () => {
  await t.close()
})

describe('asking about a dose the guard would stop', () => {
  it.each([
    'can leo have more tylenol?',
    'is it ok to give leo another tylenol now or should I wait a bit longer?',
    'leo tylenol again??',
  ])('%s — a warning, and never “I have NOT recorded this dose”', async (question) => {
    await say('gave leo tylenol 7.5ml')
    t.clock.advance(60 * 60_000)
    const replies = (await say(question)).join('\n')
    expect(replies).toMatch(/acetaminophen/i)
    expect(replies).not.toMatch(/NOT recorded/)
  })
})
