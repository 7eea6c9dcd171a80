import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Db, NestedTransactionError, type Tx } from '../../src/db/client.js'
import { auditLog } from '../../src/db/schema.js'
import { recordAudit } from '../../src/domain/audit/service.js'
import { families } from '../../src/domain/families/schema.js'
import { createFamily } from '../../src/domain/families/service.js'
import { outbox } from '../../src/domain/outbox/schema.js'
import { enqueueOutbox } from '../../src/domain/outbox/service.js'
import { tempDb } from '../support/harness.js'

// The transaction shape of docs/decisions/0002-transactions.md: async services, serialized by src/db.
let db: Db
let cleanup: () => void
const now = new Date('2026-03-10T15:00:00Z')

beforeEach(() => {
  ;({ db, cleanup } = tempDb())
})
afterEach(() => cleanup())

let phoneSeq = 0
const newFamily = (tx: Tx, name = 'The Garcias') =>
  createFamily(tx, now, {
    name,
    timezone: 'Europe/London',
    locale: 'en-GB',
    owner: {
      name: 'Ana',
      sender: { kind: 'phone', address: `+447700900${String(++phoneSeq).padStart(3, '0')}`, channel: 'sms' },
    },
  })

describe('db.transaction', () => {
  it('rolls back every write when the work fails after an await', async () => {
    await expect(
      db.transaction(async (tx) => {
        await newFamily(tx)
        await new Promise((resolve) => setImmediate(resolve)) // a real turn of the event loop
        throw new Error('boom after an await')
      }),
    ).rejects.toThrow('boom after an await')
    const rows = await db.read((tx) => tx.select().from(families))
    expect(rows).toHaveLength(0)
  })

  it('commits the work when it resolves', async () => {
    const { family } = await db.transaction((tx) => newFamily(tx))
    const rows = await db.read((tx) => tx.select().from(families).where(eq(families.id, family.id)))
    expect(rows).toHaveLength(1)
  })

  it('never interleaves the statements of 100 concurrent writers', async () => {
    // Each writer reads the counter, yields to the event loop, then writes counter + 1. Interleaving
    // would make two writers read the same value and lose an increment (and mix their audit rows).
    await db.transaction(async (tx) => {
      await recordAudit(tx, now, { action: 'counter', subjectType: 'counter', subjectId: 'c', detail: { n: 0 } })
    })
    const writers = Array.from({ length: 100 }, (_, i) =>
      db.transaction(async (tx) => {
        const [row] = await tx.select().from(auditLog).where(eq(auditLog.action, 'counter'))
        const n = Number(row?.detail?.n)
        await new Promise((resolve) => setImmediate(resolve))
        await tx
          .update(auditLog)
          .set({ detail: { n: n + 1, last: i } })
          .where(eq(auditLog.action, 'counter'))
        await recordAudit(tx, now, { action: 'step', subjectType: 'writer', subjectId: String(i), detail: { saw: n } })
      }),
    )
    await Promise.all(writers)
    const [counter] = await db.read((tx) => tx.select().from(auditLog).where(eq(auditLog.action, 'counter')))
    expect(counter?.detail?.n).toBe(100)
    const steps = await db.read((tx) => tx.select().from(auditLog).where(eq(auditLog.action, 'step')))
    // Every writer saw a different value: 0..99, each exactly once.
    expect(steps.map((s) => s.detail?.saw).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 100 }, (_, i) => i),
    )
  })

  it('keeps a failing writer from breaking the queue for the others', async () => {
    const results = await Promise.allSettled([
      db.transaction((tx) => newFamily(tx, 'one')),
      db.transaction(async () => {
        throw new Error('fails')
      }),
      db.transaction((tx) => newFamily(tx, 'three')),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(await db.read((tx) => tx.select().from(families))).toHaveLength(2)
  })

  it('refuses a transaction opened inside another instead of deadlocking', async () => {
    await expect(db.transaction(() => db.transaction(async () => 1))).rejects.toBeInstanceOf(NestedTransactionError)
  })

  it('commits an outbox row if and only if the change it reports commits', async () => {
    const enqueue = async (tx: Tx, key: string) => {
      const { family } = await newFamily(tx, key)
      await enqueueOutbox(tx, now, {
        idempotencyKey: key,
        channel: 'sms',
        toAddress: '+15551230001',
        body: `created ${family.id}`,
        kind: 'notice',
        familyId: family.id,
      })
    }
    await db.transaction((tx) => enqueue(tx, 'kept'))
    await expect(
      db.transaction(async (tx) => {
        await enqueue(tx, 'dropped')
        throw new Error('the change failed after its message was queued')
      }),
    ).rejects.toThrow()
    const rows = await db.read((tx) => tx.select().from(outbox))
    expect(rows.map((r) => r.idempotencyKey)).toEqual(['kept'])
    const fams = await db.read((tx) => tx.select().from(families))
    expect(fams.map((f) => f.name)).toEqual(['kept'])
  })

  it('makes a repeated enqueue with the same idempotency key a no-op', async () => {
    const m = { idempotencyKey: 'same', channel: 'sms' as const, toAddress: '+15551230001', body: 'hi', kind: 'notice' }
    const first = await db.transaction((tx) => enqueueOutbox(tx, now, m))
    const second = await db.transaction((tx) => enqueueOutbox(tx, now, m))
    expect(first).toHaveLength(1)
    expect(second).toHaveLength(0)
    expect(await db.read((tx) => tx.select().from(outbox))).toHaveLength(1)
  })
})
