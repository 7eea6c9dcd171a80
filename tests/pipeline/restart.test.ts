import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client.js'
import { claimInbox, listInbox } from '../../src/domain/inbox/service.js'
import { claimDueOutbox, recentOutbox } from '../../src/domain/outbox/service.js'
import { ManualClock } from '../../src/lib/clock.js'
import type { Agent } from '../../src/pipeline/types.js'
import { FakeTwilio } from '../fakes/twilio.js'
import { onboardFamily, startTestApp, type TestApp, tempDir } from '../support/harness.js'

const ANA = '+15551230001'
const BEN = '+15551230002'
const MINUTE = 60_000
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** What two app instances share across a restart: the database file, the fake Twilio and the clock. */
async function sharedParts() {
  const { dir, cleanup } = tempDir()
  cleanups.push(cleanup)
  const fake = await new FakeTwilio().start()
  cleanups.push(() => fake.stop())
  return { dbPath: join(dir, 'mednanny.db'), fake, clock: new ManualClock('2026-03-10T15:00:00Z') }
}

describe('kill and restart', () => {
  it('handles every stored message and sends every queued reply exactly once on a new app', async () => {
    const { dbPath, fake, clock } = await sharedParts()

    const first: TestApp = await startTestApp({ dbPath, fake, clock })
    await onboardFamily(first, ANA)
    await onboardFamily(first, BEN, 'Ben', 'The Bakers')
    const sentBefore = fake.messages.length

    // 1. Answered but not yet sent: the replies wait in the outbox.
    await first.sms(ANA, 'who am i')
    await first.sms(BEN, 'who am i')
    await first.app.mednanny.worker.drain()
    // 2. Stored, never touched.
    await first.sms(ANA, 'my family')
    await first.sms(BEN, 'my family')
    // 3. In the hands of a worker and a sender when the process died: claimed with a lease, never finished.
    await first.app.mednanny.db.transaction(async (tx) => {
      await claimInbox(tx, clock.now(), { limit: 10, leaseMs: 2 * MINUTE, busyConversations: new Set() })
      await claimDueOutbox(tx, clock.now(), { limits: { sms: 1 }, leaseMs: MINUTE })
    })
    // The kill: nothing is released or drained; the connection just goes away.
    await first.app.close()

    clock.advance(5 * MINUTE) // past every lease
    const second = await startTestApp({ dbPath, fake, clock })
    cleanups.push(() => second.close())
    await second.settle()

    const after = fake.messages.slice(sentBefore)
    expect(after.filter((m) => m.to === ANA).map((m) => m.body.split(' ')[0])).toEqual(['You’re', 'The'])
    expect(after.filter((m) => m.to === BEN).map((m) => m.body.split(' ')[0])).toEqual(['You’re', 'The'])
    expect(after).toHaveLength(4)
    const rows = await second.app.mednanny.db.read((tx) => listInbox(tx, { limit: 1000 }))
    expect(rows.every((r) => r.status === 'done')).toBe(true)

    // Nothing is left to do: another round sends nothing more.
    clock.advance(30 * MINUTE)
    await second.settle()
    expect(fake.messages.slice(sentBefore)).toHaveLength(4)
  })

  it('finishes the message in hand on a graceful stop, then the next app sends nothing twice', async () => {
    const { dbPath, fake, clock } = await sharedParts()
    let entered!: () => void
    const agentEntered = new Promise<void>((resolve) => {
      entered = resolve
    })
    let release!: () => void
    const agentMayAnswer = new Promise<void>((resolve) => {
      release = resolve
    })
    const slowAgent: Agent = {
      async respond() {
        entered()
        await agentMayAnswer // a model call in progress when SIGTERM arrives
        return { route: 'agent:test', replies: ['slow answer'] }
      },
    }
    const first = await startTestApp({ dbPath, fake, clock, deps: { agent: slowAgent } })
    await onboardFamily(first, ANA)
    first.app.mednanny.start()
    await first.sms(ANA, 'tell me something only a model knows')
    await agentEntered
    const closing = first.app.close()
    release()
    await closing

    const rows = await readOutbox(dbPath)
    expect(rows.filter((r) => r.body === 'slow answer')).toHaveLength(1)

    const second = await startTestApp({ dbPath, fake, clock })
    cleanups.push(() => second.close())
    await second.settle()
    expect(fake.messages.filter((m) => m.body === 'slow answer')).toHaveLength(1)
  })
})

async function readOutbox(dbPath: string) {
  const db = openDatabase(dbPath)
  try {
    return await db.read((tx) => recentOutbox(tx, 1000))
  } finally {
    db.close()
  }
}
