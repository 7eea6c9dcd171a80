import { afterEach, describe, expect, it } from 'vitest'
import { enqueueOutbox } from '../../src/domain/outbox/service.js'
import { onboardFamily, startTestApp, type TestApp, WHATSAPP_FROM } from '../support/harness.js'

const ANA = '+15551230001'
const MINUTE = 60_000
let t: TestApp

afterEach(async () => {
  await t?.close()
})

/** Ana has a family; her channels are SMS first, then WhatsApp. Returns the reply row to "who am i". */
async function whoAmI() {
  await t.sms(ANA, 'who am i')
  await t.settle()
  return replyRow()
}

/** Ana writes on WhatsApp, so a free-form WhatsApp fallback to her is inside the 24-hour window. */
async function openWhatsAppWindow() {
  await t.whatsapp(ANA, 'my family')
  await t.settle()
}

/** The first-channel row of the reply to "who am i" (not a fallback copy). */
async function replyRow() {
  const row = (await t.outboxRows()).find((r) => r.body.startsWith('You’re Ana') && !r.fallbackOf)
  if (!row) throw new Error('no reply queued')
  return row
}

describe('outbox delivery', () => {
  it('retries after a 500, a 429 and a timeout, then delivers once', async () => {
    t = await startTestApp({ deps: { outbox: { sendTimeoutMs: 200, backoff: { random: () => 0 } } } })
    await onboardFamily(t, ANA)
    const sentBefore = t.fake.messages.length
    t.fake.failNext({ status: 500 }, { status: 429, code: 20429 }, 'hang')
    await t.sms(ANA, 'who am i')
    await t.settle()
    let row = await replyRow()
    expect(row).toMatchObject({ status: 'pending', attempts: 1, errorCode: '500' })

    for (const expected of [
      { attempts: 2, errorCode: '20429' },
      { attempts: 3, errorCode: 'timeout' },
    ]) {
      t.clock.advance(10 * MINUTE)
      await t.settle()
      row = await replyRow()
      expect(row).toMatchObject({ status: 'pending', ...expected })
    }
    t.clock.advance(10 * MINUTE)
    await t.settle()
    row = await replyRow()
    expect(row).toMatchObject({ status: 'sent', attempts: 4, errorCode: null })
    expect(t.fake.requests - sentBefore).toBe(4)
    expect(t.fake.messages.slice(sentBefore).map((m) => m.to)).toEqual([ANA])
  })

  it('waits longer between each retry (exponential backoff)', async () => {
    t = await startTestApp({ deps: { outbox: { backoff: { random: () => 0 } } } })
    await onboardFamily(t, ANA)
    t.fake.failNext({ status: 503 }, { status: 503 })
    await t.sms(ANA, 'who am i')
    await t.settle()
    const first = await replyRow()
    const firstDelay = (first?.nextAttemptAt.getTime() ?? 0) - t.clock.now().getTime()
    t.clock.advance(firstDelay)
    await t.settle()
    const second = await replyRow()
    const secondDelay = (second?.nextAttemptAt.getTime() ?? 0) - t.clock.now().getTime()
    expect(firstDelay).toBeGreaterThan(0)
    expect(secondDelay).toBe(firstDelay * 2)
  })

  it('sends a new message at once while another recipient’s delivery hangs', async () => {
    t = await startTestApp({ deps: { outbox: { sendTimeoutMs: 60_000 } } })
    const send = (to: string, key: string) =>
      t.app.mednanny.db.transaction((tx) =>
        enqueueOutbox(tx, t.clock.now(), {
          idempotencyKey: key,
          channel: 'sms',
          toAddress: to,
          body: key,
          kind: 'notice',
        }),
      )
    t.fake.failNext('hang')
    await send(ANA, 'first')
    const draining = t.app.mednanny.outbox.drain()
    await expect.poll(() => t.fake.requests).toBe(1)
    await send('+15551230002', 'second')
    t.app.mednanny.outbox.notify()
    // Delivered while the first request still hangs, not after its timeout.
    await expect.poll(() => t.fake.messages.map((m) => m.body)).toEqual(['second'])
    expect(t.fake.requests).toBe(2)
    t.fake.releaseHanging()
    await draining
  })

  it('marks the row failed after the maximum attempts and falls back to the member’s next channel', async () => {
    t = await startTestApp({ deps: { outbox: { maxAttempts: 3, backoff: { random: () => 0 } } } })
    await onboardFamily(t, ANA)
    await openWhatsAppWindow()
    t.fake.failNext({ status: 500 }, { status: 500 }, { status: 500 })
    const reply = await whoAmI()
    for (let i = 0; i < 3; i++) {
      t.clock.advance(10 * MINUTE)
      await t.settle()
    }
    const rows = await t.outboxRows()
    expect(rows.find((r) => r.id === reply.id)).toMatchObject({ status: 'failed', attempts: 3, channel: 'sms' })
    const fallback = rows.find((r) => r.fallbackOf === reply.id)
    expect(fallback).toMatchObject({ channel: 'whatsapp', toAddress: ANA, status: 'sent', body: reply.body })
    expect(t.fake.messages.at(-1)).toMatchObject({ to: `whatsapp:${ANA}`, from: `whatsapp:${WHATSAPP_FROM}` })
  })

  it('fails at once on a permanent error such as an invalid number, without retrying', async () => {
    t = await startTestApp()
    await onboardFamily(t, ANA)
    await openWhatsAppWindow()
    const before = t.fake.requests
    t.fake.failNext({ status: 400, code: 21211 })
    const reply = await whoAmI()
    const rows = await t.outboxRows()
    expect(rows.find((r) => r.id === reply.id)).toMatchObject({ status: 'failed', attempts: 1, errorCode: '21211' })
    expect(rows.find((r) => r.fallbackOf === reply.id)?.channel).toBe('whatsapp')
    expect(t.fake.requests - before).toBe(2)
  })

  it('records an opt-out Twilio reports (21610) and tries no other channel', async () => {
    t = await startTestApp()
    await onboardFamily(t, ANA)
    t.fake.failNext({ status: 400, code: 21610 })
    const reply = await whoAmI()
    const rows = await t.outboxRows()
    expect(rows.find((r) => r.id === reply.id)).toMatchObject({ status: 'suppressed', errorCode: '21610' })
    expect(rows.some((r) => r.fallbackOf === reply.id)).toBe(false)
    // The next message to that number is suppressed before any request is made.
    const before = t.fake.requests
    await t.sms(ANA, 'my family')
    await t.settle()
    expect(t.fake.requests).toBe(before)
    expect((await t.outboxRows()).at(-1)?.status).toBe('suppressed')
  })

  it('retries on an authentication failure (a rotated token), instead of failing every message', async () => {
    t = await startTestApp()
    await onboardFamily(t, ANA)
    t.fake.failNext({ status: 401, code: 20003 })
    const reply = await whoAmI()
    expect(reply).toMatchObject({ status: 'pending', errorCode: '20003' })
    t.clock.advance(10 * MINUTE)
    await t.settle()
    expect((await replyRow()).status).toBe('sent')
  })

  it('moves a row to delivered on a status callback, and never back to sent', async () => {
    t = await startTestApp()
    await onboardFamily(t, ANA)
    const reply = await whoAmI()
    expect(reply.status).toBe('sent')
    const sid = reply.providerMessageId ?? ''
    expect(sid).toMatch(/^SM/)
    expect((await t.status(sid, 'delivered')).statusCode).toBe(204)
    expect((await t.status(sid, 'sent')).statusCode).toBe(204) // late, out of order
    const row = (await t.outboxRows()).find((r) => r.id === reply.id)
    expect(row?.status).toBe('delivered')
  })

  it('moves a row to undelivered with its error code and tries the next channel', async () => {
    t = await startTestApp()
    await onboardFamily(t, ANA)
    await openWhatsAppWindow()
    const reply = await whoAmI()
    await t.status(reply.providerMessageId ?? '', 'undelivered', '30003')
    await t.settle()
    const rows = await t.outboxRows()
    expect(rows.find((r) => r.id === reply.id)).toMatchObject({ status: 'undelivered', errorCode: '30003' })
    expect(rows.find((r) => r.fallbackOf === reply.id)).toMatchObject({ channel: 'whatsapp', status: 'sent' })
    expect(t.fake.messages.at(-1)?.to).toBe(`whatsapp:${ANA}`)
  })

  it('rejects an unsigned status callback with 403 and changes nothing', async () => {
    t = await startTestApp()
    await onboardFamily(t, ANA)
    const reply = await whoAmI()
    const res = await t.app.inject({
      method: 'POST',
      url: '/webhooks/twilio/status',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ MessageSid: reply.providerMessageId ?? '', MessageStatus: 'failed' }).toString(),
    })
    expect(res.statusCode).toBe(403)
    expect((await t.outboxRows()).find((r) => r.id === reply.id)?.status).toBe('sent')
  })

  it('splits a message longer than 1,600 characters into numbered parts, sent in order', async () => {
    t = await startTestApp({ deps: { outbox: { sendTimeoutMs: 200, backoff: { random: () => 0 } } } })
    t.fake.failNext('hang') // part 1 times out: part 2 must wait for it, not overtake it
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ')
    await t.app.mednanny.db.transaction((tx) =>
      enqueueOutbox(tx, t.clock.now(), {
        idempotencyKey: 'long',
        channel: 'sms',
        toAddress: ANA,
        body: long,
        kind: 'notice',
      }),
    )
    await t.settle()
    expect(t.inboxOf(ANA)).toEqual([])
    t.clock.advance(MINUTE)
    await t.settle()
    const parts = t.inboxOf(ANA)
    expect(parts.length).toBeGreaterThan(1)
    for (const [i, part] of parts.entries()) {
      expect(part.length).toBeLessThanOrEqual(1600)
      expect(part.endsWith(` (${i + 1}/${parts.length})`)).toBe(true)
    }
    // Cut at spaces only: joining the parts gives the text back, no word is broken.
    expect(parts.map((p) => p.replace(/ \(\d+\/\d+\)$/, '')).join(' ')).toBe(long)
  })
})

describe('outbox claim window', () => {
  it('sends to another number behind 300 queued messages for one number', async () => {
    t = await startTestApp()
    await t.app.mednanny.db.transaction(async (tx) => {
      for (let i = 0; i < 300; i++) {
        await enqueueOutbox(tx, t.clock.now(), {
          idempotencyKey: `flood:${i}`,
          channel: 'sms',
          toAddress: ANA,
          body: `flood ${i}`,
          kind: 'notice',
        })
      }
      await enqueueOutbox(tx, t.clock.now(), {
        idempotencyKey: 'sos',
        channel: 'sms',
        toAddress: '+15551230002',
        body: 'SOS',
        kind: 'sos',
      })
    })
    await t.app.mednanny.outbox.drain() // sends the first of the flood and the SOS in the first round
    expect(
      t.fake.messages
        .slice(0, 2)
        .map((m) => m.body)
        .sort(),
    ).toEqual(['SOS', 'flood 0'])
  })
})
