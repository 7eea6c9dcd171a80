import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_PHONES } from '../../src/domain/record/demo.js'
import { startTestApp, type TestApp } from '../support/harness.js'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp({ env: { DEV_CONSOLE: '1' } })
  t.clock.set('2026-11-18T13:30:00Z') // Wednesday 8:30 am in New York
})
afterEach(async () => {
  await t.close()
})

async function say(from: string, body: string): Promise<string[]> {
  const before = t.inboxOf(from).length
  await t.sms(from, body)
  await t.settle()
  return t.inboxOf(from).slice(before)
}

describe('the demo family', () => {
  it('is one click away in the dev console, and a second click says it is already there', async () => {
    const first = await t.app.inject({ method: 'POST', url: '/dev/api/demo' })
    expect(first.statusCode).toBe(201)
    expect(first.json()).toMatchObject({ phones: DEMO_PHONES })
    const again = await t.app.inject({ method: 'POST', url: '/dev/api/demo' })
    expect(again.statusCode).toBe(409)
  })

  it('answers from three days of history as soon as it is loaded', async () => {
    await t.app.inject({ method: 'POST', url: '/dev/api/demo' })
    const summary = (await say(DEMO_PHONES.ana, 'summary')).join('\n')
    expect(summary).toMatch(/Maya today: 0 feeds/) // today has just begun; history is in the days before
    expect((await say(DEMO_PHONES.maria, 'when did maya last eat?'))[0]).toMatch(/^Maya last ate at yesterday 10:00 PM/)
    expect((await say(DEMO_PHONES.ana, 'what is leo allergic to?'))[0]).toBe('Leo is allergic to peanuts (hives).')
    expect((await say(DEMO_PHONES.joe, 'have I taken my morning meds?'))[0]).toMatch(
      /^Not yet: Metformin \(08:00\) and Lisinopril \(08:00\) are not logged/,
    )
    expect((await say(DEMO_PHONES.joe, 'took my morning pills'))[0]).toMatch(
      /^Logged: Joe, morning medicines \(Metformin and Lisinopril\)/,
    )
    expect((await say(DEMO_PHONES.joe, 'how many days until I need a refill of lisinopril?'))[0]).toMatch(
      /^Lisinopril: about 5 days left, 0 refills\./,
    )
  })
})
