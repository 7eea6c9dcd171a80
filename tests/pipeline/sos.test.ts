import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/lib/clock.js'
import { FakeTwilio } from '../fakes/twilio.js'
import {
  onboardFamily,
  PUBLIC_BASE_URL,
  signedHeaders,
  startTestApp,
  type TestApp,
  tempDir,
} from '../support/harness.js'

const ANA = '+15551230001' // owner
const BEN = '+15551230002' // parent
const MARIA = '+15551230003' // nanny
const GRANDMA = '+15551230004' // emergency contact (viewer)
const UNCLE = '+15551230005' // family member, second tier
let t: TestApp

async function say(from: string, body: string, extra?: Record<string, string>): Promise<string[]> {
  const before = t.inboxOf(from).length
  await t.sms(from, body, extra)
  await t.settle()
  return t.inboxOf(from).slice(before)
}

/** Every message each number received since `mark` (SMS and WhatsApp alike). */
const since = (mark: number) => t.fake.messages.slice(mark).map((m) => ({ to: m.to, body: m.body }))

async function tickAt(iso: string) {
  t.clock.set(iso)
  await t.app.mednanny.scheduler.tick()
  await t.settle()
}

beforeEach(async () => {
  t = await startTestApp({ clock: new ManualClock('2026-11-18T21:10:00Z') })
  await onboardFamily(t, ANA)
  for (const [who, phone, as] of [
    ['Ben', BEN, 'parent'],
    ['Maria', MARIA, 'nanny'],
    ['Grandma', GRANDMA, 'emergency contact'],
    ['Uncle', UNCLE, 'family'],
  ] as const) {
    await say(ANA, `add ${who} ${phone} as ${as}`)
    await say(phone, 'yes')
  }
  await say(ANA, 'add Leo, born March 2 2023, 15 kg')
})
afterEach(async () => {
  await t.close()
})

describe('SOS', () => {
  it('alerts every first-tier contact on every channel at once, with the child’s medical card', async () => {
    const mark = t.fake.messages.length
    const reply = await say(MARIA, 'SOS Leo fell off the slide and is not answering')
    expect(reply).toEqual([
      '🚨 Alerting 3 people now: Ana, Ben, Grandma. I’ll keep trying, with phone calls, until someone answers. If anyone is in danger, call 911 now.',
    ])
    const alerts = since(mark).filter((m) => m.body.startsWith('🚨 SOS from Maria'))
    // Three people on every channel that can carry it now: SMS, and WhatsApp only inside its 24-hour
    // window (none of them has written on WhatsApp here, and no template is configured).
    expect(alerts.map((a) => a.to).sort()).toEqual([ANA, BEN, GRANDMA].sort())
    expect(alerts[0]?.body).toContain('“Leo fell off the slide and is not answering”')
    expect(alerts[0]?.body).toContain('About Leo, 3 years, 15 kg.')
    expect(alerts[0]?.body).toContain('Reply ACK if you are responding.')
    // The uncle is second tier: not yet.
    expect(since(mark).some((m) => m.to.endsWith(UNCLE))).toBe(false)
  })

  it('reaches a contact on WhatsApp too when she wrote there in the last 24 hours', async () => {
    await t.whatsapp(GRANDMA, 'who am i')
    await t.settle()
    const mark = t.fake.messages.length
    await say(MARIA, 'SOS')
    const toGrandma = since(mark).filter((m) => m.to.endsWith(GRANDMA) && m.body.startsWith('🚨'))
    expect(toGrandma.map((m) => m.to).sort()).toEqual([GRANDMA, `whatsapp:${GRANDMA}`])
  })

  it('a contact whose channel fails is still reached: by her other channel, or by phone at once', async () => {
    // Grandma wrote on WhatsApp today, so her alert goes by SMS and WhatsApp; Ben has only SMS open.
    await t.whatsapp(GRANDMA, 'who am i')
    await t.settle()
    t.fake.failingTo.set(GRANDMA, { status: 400, code: 21211 })
    t.fake.failingTo.set(BEN, { status: 400, code: 21211 })
    await say(MARIA, 'SOS')
    const got = t.fake.messages.filter((m) => m.body.startsWith('🚨')).map((m) => m.to)
    expect(got).toContain(`whatsapp:${GRANDMA}`)
    // Ben's only text channel failed: he is phoned now, not two minutes later; Grandma is not.
    expect(t.fake.calls.map((c) => c.to)).toEqual([BEN])
    expect(t.fake.calls[0]?.twiml).toContain('SOS from Maria')
  })

  it('an emergency contact who sent STOP to our SMS is phoned at once instead', async () => {
    await say(GRANDMA, 'STOP')
    await say(MARIA, 'SOS')
    expect(t.fake.messages.filter((m) => m.to === GRANDMA && m.body.startsWith('🚨'))).toEqual([])
    expect(t.fake.calls.map((c) => c.to)).toEqual([GRANDMA])
  })

  it('escalates every 2 minutes with calls, widens to everyone after 3 rounds, and stops at the first ACK', async () => {
    await say(MARIA, 'SOS')
    expect(t.fake.calls).toHaveLength(0)
    await tickAt('2026-11-18T21:11:59Z')
    expect(t.fake.calls).toHaveLength(0)
    await tickAt('2026-11-18T21:12:00Z')
    expect(t.fake.calls.map((c) => c.to).sort()).toEqual([ANA, BEN, GRANDMA])
    expect(t.fake.calls[0]?.twiml).toContain('<Gather numDigits="1"')
    expect(t.fake.calls[0]?.twiml).toContain(`${PUBLIC_BASE_URL}/webhooks/twilio/voice/sos/ack?call=obx_`)
    await tickAt('2026-11-18T21:14:00Z')
    const mark = t.fake.messages.length
    await tickAt('2026-11-18T21:16:00Z') // round 4: the family's second tier joins
    expect(since(mark).some((m) => m.to === UNCLE && m.body.includes('alert 4'))).toBe(true)

    const ack = await say(UNCLE, 'on my way')
    expect(ack).toEqual(['Thank you — everyone knows you’re responding.'])
    expect(t.inboxOf(MARIA).at(-1)).toBe('✅ Uncle is responding to the SOS. Alerts have stopped.')
    const calls = t.fake.calls.length
    const sent = t.fake.messages.length
    await tickAt('2026-11-18T21:30:00Z')
    expect(t.fake.calls).toHaveLength(calls)
    expect(t.fake.messages.slice(sent).filter((m) => m.body.startsWith('🚨'))).toEqual([])
    expect(await say(BEN, 'ok')).toEqual(['Uncle is already responding.'])
  })

  it('pressing 1 on the call acknowledges; another key repeats the alert', async () => {
    await say(MARIA, 'SOS')
    await tickAt('2026-11-18T21:12:00Z')
    const toBen = t.fake.calls.find((c) => c.to === BEN)
    const outboxId = /call=(obx_\w+)/.exec(toBen?.twiml ?? '')?.[1] ?? ''
    const press = async (digits: string) => {
      const url = `${PUBLIC_BASE_URL}/webhooks/twilio/voice/sos/ack?call=${outboxId}`
      const params = { CallSid: 'CA00000000000000000000000000000001', Digits: digits, From: '+15550009999', To: BEN }
      return await t.app.inject({
        method: 'POST',
        url: `/webhooks/twilio/voice/sos/ack?call=${outboxId}`,
        headers: signedHeaders(url, params),
        payload: new URLSearchParams(params).toString(),
      })
    }
    const wrong = await press('7')
    expect(wrong.body).toContain('<Gather')
    const right = await press('1')
    expect(right.statusCode).toBe(200)
    expect(right.body).toContain('Everyone has been told you are responding.')
    await t.settle()
    expect(t.inboxOf(MARIA).at(-1)).toBe('✅ Ben is responding to the SOS. Alerts have stopped.')
    const calls = t.fake.calls.length
    await tickAt('2026-11-18T21:20:00Z')
    expect(t.fake.calls).toHaveLength(calls)

    // A forged keypress is refused.
    const forged = await t.app.inject({
      method: 'POST',
      url: `/webhooks/twilio/voice/sos/ack?call=${outboxId}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'nope' },
      payload: 'Digits=1',
    })
    expect(forged.statusCode).toBe(403)
  })

  it('a second SOS from the same person joins the open one; the sender can cancel it', async () => {
    await say(MARIA, 'SOS')
    const mark = t.fake.messages.length
    expect(await say(MARIA, 'sos!!')).toEqual([
      'Your SOS is still open and alerting. If anyone is in danger, call 911 now. Reply CANCEL SOS if it was a false alarm.',
    ])
    expect(since(mark).filter((m) => m.body.startsWith('🚨'))).toEqual([])
    expect(await say(MARIA, 'false alarm')).toEqual(['SOS cancelled. Everyone has been told.'])
    expect(t.inboxOf(BEN).at(-1)).toBe('Maria cancelled the SOS: false alarm. Nothing more is needed.')
    const calls = t.fake.calls.length
    await tickAt('2026-11-18T21:30:00Z')
    expect(t.fake.calls).toHaveLength(calls)
  })

  it('a plain “cancel” never closes an SOS, and only the sender, the responder or a parent closes it', async () => {
    await say(ANA, 'SOS')
    await say(BEN, 'cancel')
    await say(UNCLE, 'all clear')
    await tickAt('2026-11-18T21:12:00Z')
    expect(t.fake.calls.length).toBeGreaterThan(0) // still escalating
    expect(await say(ANA, 'all clear')).toEqual(['Glad everyone is OK. The SOS is closed.'])
  })

  it('a second SOS from someone else joins the open one and its words reach everyone alerted', async () => {
    await say(MARIA, 'SOS Leo fell')
    const mark = t.fake.messages.length
    expect(await say(ANA, 'SOS he is not breathing')).toEqual([
      'Your SOS is still open and alerting. If anyone is in danger, call 911 now. Reply CANCEL SOS if it was a false alarm.',
    ])
    const updates = since(mark).filter((m) => m.body.startsWith('🚨 SOS update from Ana'))
    expect(updates.map((m) => m.to).sort()).toEqual([BEN, GRANDMA, MARIA].sort())
    expect(updates[0]?.body).toBe('🚨 SOS update from Ana: “he is not breathing”')
    const [status] = await say(ANA, 'sos status')
    expect(status).toMatch(/^SOS Wed 4:10 PM: open, 1 round/)
  })

  it('an emergency the red-flag gate catches opens an SOS too', async () => {
    const reply = await say(MARIA, 'leo is not breathing')
    expect(reply.join('\n')).toMatch(/🚨 Alerting 3 people now: Ana, Ben, Grandma/)
    expect(t.inboxOf(GRANDMA).at(-1)).toMatch(/^🚨 SOS from Maria: “leo is not breathing”/)
  })

  it('carries a WhatsApp location as a map link', async () => {
    const before = t.inboxOf(MARIA).length
    await t.whatsapp(MARIA, 'SOS', { Latitude: '40.7411', Longitude: '-73.9897', Address: '5th Ave' })
    await t.settle()
    expect(t.inboxOf(MARIA).slice(before)).toHaveLength(1)
    expect(t.inboxOf(BEN).at(-1)).toContain('Where: 5th Ave https://maps.google.com/?q=40.7411,-73.9897')
  })

  it('without a location in the SOS, uses the last one the sender shared that day', async () => {
    await t.whatsapp(MARIA, '', { Latitude: '40.7411', Longitude: '-73.9897', Label: 'Playground' })
    await t.settle()
    t.clock.advance(2 * 60 * 60_000)
    await say(MARIA, 'SOS')
    expect(t.inboxOf(BEN).at(-1)).toContain('Where: Playground https://maps.google.com/?q=40.7411,-73.9897')
  })

  it('only someone who was alerted acknowledges with a word like “ok”', async () => {
    await say(ANA, 'SOS') // Ana's SOS alerts Ben and Grandma, not Maria (nanny) or the uncle
    const reply = await say(MARIA, 'ok')
    expect(reply.join('\n')).not.toMatch(/responding/)
    await tickAt('2026-11-18T21:12:00Z')
    expect(t.fake.calls.map((c) => c.to).sort()).toEqual([BEN, GRANDMA])
  })

  it('answers “sos status” from the timeline, call results included', async () => {
    await say(MARIA, 'SOS')
    await tickAt('2026-11-18T21:12:00Z')
    const call = t.fake.calls[0]
    const outboxId = /call=(obx_\w+)/.exec(call?.statusCallback ?? '')?.[1] ?? ''
    const params = { CallSid: call?.sid ?? '', CallStatus: 'no-answer', To: call?.to ?? '' }
    const url = `${PUBLIC_BASE_URL}/webhooks/twilio/voice/status?call=${outboxId}`
    const res = await t.app.inject({
      method: 'POST',
      url: `/webhooks/twilio/voice/status?call=${outboxId}`,
      headers: signedHeaders(url, params),
      payload: new URLSearchParams(params).toString(),
    })
    expect(res.statusCode).toBe(204)
    const [status] = await say(ANA, 'sos status')
    expect(status).toMatch(/^SOS Wed 4:10 PM: open, 2 rounds, 12 alerts, 3 calls\./)
    expect(status).toContain('call status (no-answer)')
    expect(status).toContain('Nobody has acknowledged yet.')
  })
})

describe('SOS escalation policy', () => {
  it('a parent sets it by text, the next SOS escalates on it, and a typo never opens an SOS', async () => {
    expect(await say(ANA, 'sos policy')).toEqual([
      'SOS escalation: every 2 minutes without an answer, alerts and calls again; after 3 rounds the whole family is alerted. A parent can change it: “sos policy every 3 minutes, 2 rounds”.',
    ])
    expect(await say(ANA, 'sos policy every 5 minutes, 1 round')).toEqual([
      'SOS escalation: every 5 minutes without an answer, alerts and calls again; after 1 round the whole family is alerted. A running SOS keeps the policy it started with.',
    ])
    expect((await say(MARIA, 'sos policy every 1 min')).join('\n')).not.toMatch(/SOS escalation: every 1 minute/)
    expect(await say(ANA, 'sos policy every 100 minutes')).toEqual([
      'Say it like “sos policy every 3 minutes, 2 rounds” (1–30 minutes, 1–10 rounds).',
    ])
    expect(t.fake.calls).toHaveLength(0)

    await say(MARIA, 'SOS')
    await tickAt('2026-11-18T21:14:59Z')
    expect(t.fake.calls).toHaveLength(0)
    const mark = t.fake.messages.length
    await tickAt('2026-11-18T21:15:00Z') // round 2, after 5 minutes; after 1 round, the whole family
    expect(t.fake.calls.map((c) => c.to).sort()).toEqual([ANA, BEN, GRANDMA, UNCLE].sort())
    expect(since(mark).some((m) => m.to === UNCLE && m.body.includes('alert 2'))).toBe(true)
  })
})

describe('SOS across a restart', () => {
  it('goes on escalating after a restart, each contact alerted once per round', async () => {
    const fake = await new FakeTwilio().start()
    const clock = new ManualClock('2026-11-18T21:10:00Z')
    const temp = tempDir()
    const dbPath = join(temp.dir, 'mednanny.db')
    await t.close() // the beforeEach family is not used here
    t = await startTestApp({ clock, fake, dbPath })
    await onboardFamily(t, ANA)
    await say(ANA, `add Ben ${BEN} as parent`)
    await say(BEN, 'yes')
    await say(ANA, 'SOS')
    await t.close() // a crash between rounds: the next process has only the database
    t = await startTestApp({ clock, fake, dbPath })
    await tickAt('2026-11-18T21:12:00Z')
    await tickAt('2026-11-18T21:12:30Z')
    const toBen = fake.messages.filter((m) => m.to.endsWith(BEN) && m.body.startsWith('🚨'))
    expect(toBen.map((m) => `${m.to} ${/alert \d/.exec(m.body)?.[0] ?? 'alert 1'}`).sort()).toEqual([
      `${BEN} alert 1`,
      `${BEN} alert 2`,
    ])
    expect(fake.calls.map((c) => c.to)).toEqual([BEN])
    await t.close()
    t = await startTestApp() // for afterEach
    await fake.stop()
    temp.cleanup()
  })
})
