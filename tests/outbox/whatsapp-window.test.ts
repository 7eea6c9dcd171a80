import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/lib/clock.js'
import { startTestApp, type TestApp, WHATSAPP_FROM } from '../support/harness.js'

const ANA = '+15551230001' // owner, New York, on WhatsApp
const TEMPLATE = `HX${'b'.repeat(32)}`
const REMINDER = '⏰ Reminder: pump\nReply DONE when it’s done, or SNOOZE 15.'
let t: TestApp
afterEach(async () => {
  await t.close()
})

/** Ana creates her family on WhatsApp at Wednesday 4:10 pm in New York; her channels: WhatsApp, then SMS. */
async function start(env: Record<string, string> = {}) {
  t = await startTestApp({ clock: new ManualClock('2026-11-18T21:10:00Z'), env })
  for (const body of ['hi', 'Ana', 'The Garcias', 'yes']) {
    await t.whatsapp(ANA, body)
    await t.settle()
  }
}

async function say(body: string) {
  await t.whatsapp(ANA, body)
  await t.settle()
}

/** Moves the clock, fires the scheduler, sends; returns what the fake Twilio accepted meanwhile. */
async function at(iso: string) {
  const before = t.fake.messages.length
  t.clock.set(iso)
  await t.app.mednanny.scheduler.tick()
  await t.settle()
  return t.fake.messages.slice(before)
}

describe('WhatsApp’s 24-hour window', () => {
  it('inside the window: a free-form WhatsApp message', async () => {
    await start({ TWILIO_WHATSAPP_TEMPLATE_SID: TEMPLATE })
    await say('remind me at 5pm to pump')
    const sent = await at('2026-11-18T22:00:00Z')
    expect(sent).toEqual([
      expect.objectContaining({ to: `whatsapp:${ANA}`, from: `whatsapp:${WHATSAPP_FROM}`, body: REMINDER }),
    ])
    expect(sent[0]?.contentSid).toBeUndefined()
  })

  it('outside the window with a template configured: the template, the text as its variable', async () => {
    await start({ TWILIO_WHATSAPP_TEMPLATE_SID: TEMPLATE })
    await say('remind me Friday at 9am to pump')
    const sent = await at('2026-11-20T14:00:00Z') // 42 hours after Ana last wrote
    expect(sent).toEqual([
      expect.objectContaining({
        to: `whatsapp:${ANA}`,
        body: '',
        contentSid: TEMPLATE,
        contentVariables: { 1: REMINDER },
      }),
    ])
    const row = (await t.outboxRows()).find((r) => r.kind === 'reminder')
    expect(row).toMatchObject({ channel: 'whatsapp', status: 'sent', templateId: TEMPLATE })
  })

  it('outside the window without a template: SMS, and no WhatsApp request at all', async () => {
    await start()
    await say('remind me Friday at 9am to pump')
    const requests = t.fake.requests
    const sent = await at('2026-11-20T14:00:00Z')
    expect(sent).toEqual([expect.objectContaining({ to: ANA, body: REMINDER })])
    expect(t.fake.requests - requests).toBe(1)
    const rows = (await t.outboxRows()).filter((r) => r.kind === 'reminder')
    expect(rows.map((r) => [r.channel, r.status, r.errorCode])).toEqual([
      ['whatsapp', 'failed', 'whatsapp_window'],
      ['sms', 'sent', null],
    ])
  })

  it('counts the window from Ana’s last WhatsApp message, keeping a margin before it closes', async () => {
    await start()
    await say('remind me tomorrow at 3pm to pump') // 4:10 pm today: 22h50m later, inside
    await say('remind me tomorrow at 4:05pm to call the pharmacy') // 23h55m later: too close to the end
    expect((await at('2026-11-19T20:00:00Z')).map((m) => m.to)).toEqual([`whatsapp:${ANA}`])
    expect((await at('2026-11-19T21:05:00Z')).map((m) => m.to)).toEqual([ANA])
  })

  it('treats Twilio error 63016 on sending as outside the window: the template, not a retry', async () => {
    await start({ TWILIO_WHATSAPP_TEMPLATE_SID: TEMPLATE })
    await say('remind me at 5pm to pump')
    t.fake.failNext({ status: 400, code: 63016 })
    const requests = t.fake.requests
    const sent = await at('2026-11-18T22:00:00Z')
    expect(t.fake.requests - requests).toBe(2)
    expect(sent).toEqual([expect.objectContaining({ to: `whatsapp:${ANA}`, contentSid: TEMPLATE })])
    const rows = (await t.outboxRows()).filter((r) => r.kind === 'reminder')
    expect(rows.map((r) => [r.channel, r.status, r.errorCode, r.attempts])).toEqual([
      ['whatsapp', 'failed', '63016', 1],
      ['whatsapp', 'sent', null, 1],
    ])
  })

  it('treats a 63016 status callback without a template as outside the window: SMS', async () => {
    await start()
    await say('remind me at 5pm to pump')
    const [sent] = await at('2026-11-18T22:00:00Z')
    expect(sent).toMatchObject({ to: `whatsapp:${ANA}`, body: REMINDER })
    expect((await t.status(sent?.sid ?? '', 'undelivered', '63016')).statusCode).toBe(204)
    const before = t.fake.messages.length
    await t.settle()
    expect(t.fake.messages.slice(before)).toEqual([expect.objectContaining({ to: ANA, body: REMINDER })])
  })

  it('sends the template after a 63016 status callback when one is configured', async () => {
    await start({ TWILIO_WHATSAPP_TEMPLATE_SID: TEMPLATE })
    await say('remind me at 5pm to pump')
    const [sent] = await at('2026-11-18T22:00:00Z')
    await t.status(sent?.sid ?? '', 'failed', '63016')
    const before = t.fake.messages.length
    await t.settle()
    expect(t.fake.messages.slice(before)).toEqual([
      expect.objectContaining({ to: `whatsapp:${ANA}`, contentSid: TEMPLATE, contentVariables: { 1: REMINDER } }),
    ])
  })
})
