import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/client.js'
import {
  acceptInboundMany,
  claimInbox,
  completeInbox,
  type InboundMessage,
  type InboxRow,
  LeaseLostError,
  listInbox,
} from '../../src/domain/inbox/service.js'
import { tempDb } from '../support/harness.js'

let db: Db
let cleanup: () => void
const now = new Date('2026-03-10T15:00:00Z')
beforeEach(() => {
  ;({ db, cleanup } = tempDb())
})
afterEach(() => cleanup())

const sms = (from: string, externalId: string, body = 'hello'): InboundMessage => ({
  channel: 'sms',
  externalId,
  fromAddress: from,
  body,
})
const claim = (limit: number, busy: string[] = []) =>
  db.transaction((tx) => claimInbox(tx, now, { limit, leaseMs: 60_000, busyConversations: new Set(busy) }))

describe('claimInbox', () => {
  it('finds another number’s message behind a flood of 1,500 from one number', async () => {
    const flood = Array.from({ length: 1500 }, (_, i) => sms('+15551230001', `SMflood${i}`))
    await db.transaction((tx) => acceptInboundMany(tx, now, flood))
    await db.transaction((tx) => acceptInboundMany(tx, now, [sms('+15551230002', 'SMsos', 'SOS')]))
    const claimed = await claim(8)
    expect(claimed.map((r) => r.body)).toEqual(['hello', 'SOS'])
  })

  it('claims only the oldest message of a conversation, and nothing of a busy one', async () => {
    await db.transaction((tx) =>
      acceptInboundMany(tx, now, [
        sms('+15551230001', 'SM1', 'first'),
        sms('+15551230001', 'SM2', 'second'),
        sms('+15551230002', 'SM3', 'other'),
      ]),
    )
    expect((await claim(8, ['sms:+15551230002'])).map((r) => r.body)).toEqual(['first'])
    // "first" is now processing: its conversation stays blocked until it is done.
    expect(await claim(8)).toEqual([expect.objectContaining({ body: 'other' })])
  })

  it('fences completion by the lease: a worker whose lease was taken over cannot mark the message done', async () => {
    await db.transaction((tx) => acceptInboundMany(tx, now, [sms('+15551230001', 'SMslow')]))
    const [first] = await claim(1)
    const later = new Date(now.getTime() + 120_000)
    const [second] = await db.transaction((tx) =>
      claimInbox(tx, later, { limit: 1, leaseMs: 60_000, busyConversations: new Set() }),
    )
    expect(second?.id).toBe(first?.id)
    await expect(db.transaction((tx) => completeInbox(tx, later, first as InboxRow))).rejects.toBeInstanceOf(
      LeaseLostError,
    )
    await db.transaction((tx) => completeInbox(tx, later, second as InboxRow))
    const [row] = await db.read((tx) => listInbox(tx, { limit: 1 }))
    expect(row?.status).toBe('done')
  })

  it('treats the same MessageSid twice in one batch as one message', async () => {
    const results = await db.transaction((tx) =>
      acceptInboundMany(tx, now, [sms('+15551230001', 'SMdup'), sms('+15551230001', 'SMdup')]),
    )
    expect(results.map((r) => r.duplicate)).toEqual([false, true])
    expect(results[1]?.id).toBe(results[0]?.id)
  })
})
