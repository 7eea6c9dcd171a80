import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { ActorContext } from '../../src/domain/actor.js'
import { resolveActor } from '../../src/domain/families/queries.js'
import { createReminder, type NewReminder } from '../../src/domain/schedules/service.js'
import { ManualClock } from '../../src/lib/clock.js'
import { onboardFamily, startTestApp, type TestApp } from '../support/harness.js'

const ANA = '+15551230001'
const exec = promisify(execFile)
const TSX = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx')
const apps: TestApp[] = []
afterEach(async () => {
  for (const a of apps.splice(0).reverse()) await a.close()
})

async function app(opts: Parameters<typeof startTestApp>[0] = {}) {
  const t = await startTestApp(opts)
  apps.push(t)
  return t
}

/** A family in `timezone` whose owner Ana has onboarded by chat; returns her actor. */
async function family(t: TestApp, timezone: string): Promise<ActorContext> {
  await onboardFamily(t, ANA)
  return await t.app.mednanny.db.transaction(async (tx) => {
    const actor = (await resolveActor(tx, { kind: 'phone', address: ANA, channel: 'sms' })) as ActorContext
    await tx.run(`UPDATE families SET timezone = '${timezone}' WHERE id = '${actor.familyId}'`)
    return { ...actor, timezone }
  })
}

const remind = (t: TestApp, actor: ActorContext, r: NewReminder) =>
  t.app.mednanny.db.transaction((tx) => createReminder(tx, actor, t.clock.now(), r))

/** Moves the clock to `iso`, ticks the scheduler and sends what it wrote; returns Ana's new messages. */
async function at(t: TestApp, iso: string): Promise<string[]> {
  const before = t.inboxOf(ANA).length
  t.clock.set(iso)
  await t.app.mednanny.scheduler.tick()
  await t.settle()
  return t.inboxOf(ANA).slice(before)
}

describe('reminders on time, exactly once', () => {
  it('sends a one-off reminder at its minute, once, and never before', async () => {
    const t = await app({ clock: new ManualClock('2026-11-26T15:00:00Z') })
    const ana = await family(t, 'America/New_York')
    await remind(t, ana, { body: 'call in my medication', dtstart: '2026-11-27T10:00' })
    expect(await at(t, '2026-11-27T14:59:59Z')).toEqual([])
    expect(await at(t, '2026-11-27T15:00:04Z')).toEqual([
      '⏰ Reminder: call in my medication\nReply DONE when it’s done, or SNOOZE 15.',
    ])
    expect(await at(t, '2026-11-27T15:00:09Z')).toEqual([])
    expect(await at(t, '2026-11-28T15:00:00Z')).toEqual([])
  })

  it('keeps a daily 8:00 at 8:00 local through spring-forward and fall-back in New York', async () => {
    const t = await app({ clock: new ManualClock('2026-03-06T12:00:00Z') })
    const ana = await family(t, 'America/New_York')
    await remind(t, ana, { body: 'vitamin D drops', dtstart: '2026-03-07T08:00', rrule: 'FREQ=DAILY' })
    const sentAt: string[] = []
    for (let h = 0; h < 4 * 24; h++) {
      const iso = new Date(Date.parse('2026-03-07T00:00:00Z') + h * 3_600_000).toISOString()
      if ((await at(t, iso)).length) sentAt.push(iso)
    }
    expect(sentAt).toEqual([
      '2026-03-07T13:00:00.000Z',
      '2026-03-08T12:00:00.000Z',
      '2026-03-09T12:00:00.000Z',
      '2026-03-10T12:00:00.000Z',
    ])
    // And through fall-back: 8:00 EDT is 12:00Z, 8:00 EST is 13:00Z.
    t.clock.set('2026-10-30T12:00:00Z')
    await t.app.mednanny.scheduler.tick() // the months in between, summarized once
    await t.settle()
    const fall: string[] = []
    for (let h = 0; h < 4 * 24; h++) {
      const iso = new Date(Date.parse('2026-10-31T00:00:00Z') + h * 3_600_000).toISOString()
      if ((await at(t, iso)).length) fall.push(iso)
    }
    expect(fall).toEqual([
      '2026-10-31T12:00:00.000Z',
      '2026-11-01T13:00:00.000Z',
      '2026-11-02T13:00:00.000Z',
      '2026-11-03T13:00:00.000Z',
    ])
  })

  it('fires a 2:30 am reminder once on spring-forward day and a 1:30 am one once on fall-back day (London)', async () => {
    const t = await app({ clock: new ManualClock('2026-03-28T12:00:00Z') })
    const ana = await family(t, 'Europe/London')
    await remind(t, ana, { body: 'night feed', dtstart: '2026-03-29T01:30', rrule: 'FREQ=DAILY' })
    const times: string[] = []
    for (let m = 0; m < 40 * 4; m++) {
      const iso = new Date(Date.parse('2026-03-28T12:00:00Z') + m * 15 * 60_000).toISOString()
      if ((await at(t, iso)).length) times.push(iso)
    }
    // 1:30 GMT does not exist on 29 March: 2:30 BST (01:30Z), once; then 1:30 BST (00:30Z).
    expect(times).toEqual(['2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z'])

    const fall: string[] = []
    t.clock.set('2026-10-24T12:00:00Z')
    await t.app.mednanny.scheduler.tick() // the outage summary for the months in between
    await t.settle()
    for (let m = 0; m < 40 * 4; m++) {
      const iso = new Date(Date.parse('2026-10-24T12:00:00Z') + m * 15 * 60_000).toISOString()
      if ((await at(t, iso)).length) fall.push(iso)
    }
    // 1:30 happens twice on 25 October: the first (BST, 00:30Z) only.
    expect(fall).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z'])
  })
})

describe('after downtime', () => {
  it('sends an occurrence inside the grace window late and says so', async () => {
    const t = await app({ clock: new ManualClock('2026-11-26T12:00:00Z'), env: { SCHEDULER_GRACE_MINUTES: '30' } })
    const ana = await family(t, 'America/New_York')
    await remind(t, ana, { body: 'pump', dtstart: '2026-11-26T19:00', rrule: 'FREQ=DAILY' })
    // Down from 18:55 to 19:20 local: the 19:00 reminder goes out 20 minutes late.
    expect(await at(t, '2026-11-27T00:20:00Z')).toEqual([
      '⏰ Reminder (late: it was due Thu 7:00 PM): pump\nReply DONE when it’s done, or SNOOZE 15.',
    ])
    expect(await at(t, '2026-11-28T00:00:00Z')).toEqual(['⏰ Reminder: pump\nReply DONE when it’s done, or SNOOZE 15.'])
  })

  it('summarizes older missed occurrences in one message and goes on from the next one', async () => {
    const t = await app({ clock: new ManualClock('2026-11-20T12:00:00Z') })
    const ana = await family(t, 'America/New_York')
    await remind(t, ana, { body: 'pump', dtstart: '2026-11-20T19:00', rrule: 'FREQ=DAILY' })
    await remind(t, ana, { body: 'call the pharmacy', dtstart: '2026-11-21T09:00' })
    // Down for three days, back at 8 am on the 24th.
    const back = await at(t, '2026-11-24T13:00:00Z')
    expect(back).toEqual([
      'MedNanny was offline and missed 5 reminders:\n• pump (Fri 7:00 PM)\n• pump (Sat 7:00 PM)\n• pump (Sun 7:00 PM)\n• pump (Mon 7:00 PM)\n• call the pharmacy (Sat 9:00 AM)',
    ])
    const raw = new Database(t.dbPath, { readonly: true })
    const runs = raw.prepare('SELECT status, count(*) AS n FROM schedule_runs GROUP BY status').all()
    raw.close()
    expect(runs).toEqual([{ status: 'missed', n: 5 }])
    expect(await at(t, '2026-11-25T00:00:00Z')).toEqual(['⏰ Reminder: pump\nReply DONE when it’s done, or SNOOZE 15.'])
  })
})

describe('after a long outage of a frequent reminder', () => {
  it('summarizes what was missed and still sends the occurrence inside the grace window', async () => {
    const t = await app({ clock: new ManualClock('2026-11-20T12:00:00Z') })
    const ana = await family(t, 'America/New_York')
    await remind(t, ana, { body: 'check the monitor', dtstart: '2026-11-20T08:00', rrule: 'FREQ=HOURLY' })
    // Down four days; back two minutes after the 7:00 am occurrence.
    const back = await at(t, '2026-11-24T12:02:00Z')
    expect(back).toContain(`⏰ Reminder: check the monitor\nReply DONE when it’s done, or SNOOZE 15.`)
    expect(back.find((m) => m.startsWith('MedNanny was offline'))).toMatch(/missed \d+ reminders/)
    expect(await at(t, '2026-11-24T13:00:00Z')).toEqual([
      `⏰ Reminder: check the monitor\nReply DONE when it’s done, or SNOOZE 15.`,
    ])
  })
})

describe('crashes and concurrency', () => {
  it('a restart between firing and sending sends each reminder once', async () => {
    const clock = new ManualClock('2026-11-26T12:00:00Z')
    const first = await app({ clock })
    const ana = await family(first, 'America/New_York')
    for (const body of ['a', 'b', 'c'])
      await remind(first, ana, { body, dtstart: '2026-11-26T08:00', rrule: 'FREQ=DAILY' })
    clock.set('2026-11-26T13:00:00Z')
    expect(await first.app.mednanny.scheduler.tick()).toMatchObject({ claimed: 3, sent: 3 })
    const fake = first.fake
    const sentBefore = fake.messages.length
    // Crash before the outbox sent anything: the new process sends them, and fires nothing again.
    await first.app.close()
    const second = await app({ clock, dbPath: first.dbPath, fake })
    expect(await second.app.mednanny.scheduler.tick()).toMatchObject({ claimed: 0 })
    await second.settle()
    const reminders = fake.messages.slice(sentBefore).map((m) => m.body)
    expect(reminders.sort()).toEqual(
      ['a', 'b', 'c'].map((b) => `⏰ Reminder: ${b}\nReply DONE when it’s done, or SNOOZE 15.`),
    )
  })

  it('two scheduler processes on one database with 1,000 due reminders send each exactly once', async () => {
    const clock = new ManualClock('2026-11-26T12:00:00Z')
    const a = await app({ clock })
    const ana = await family(a, 'America/New_York')
    await a.app.mednanny.db.transaction(async (tx) => {
      for (let i = 0; i < 1000; i++) {
        await createReminder(tx, ana, clock.now(), { body: `r${i}`, dtstart: '2026-11-26T09:00', rrule: 'FREQ=DAILY' })
      }
    })
    // Two processes, as two replicas would be: each its own connection, racing for the write lock.
    const tick = () => exec(TSX, [join(import.meta.dirname, 'tick-once.ts'), a.dbPath, '2026-11-26T14:00:30Z', '64'])
    const [ra, rb] = (await Promise.all([tick(), tick()])).map((r) => JSON.parse(r.stdout) as { sent: number })
    expect((ra?.sent ?? 0) + (rb?.sent ?? 0)).toBe(1000)
    const raw = new Database(a.dbPath, { readonly: true })
    const counts = raw
      .prepare(
        "SELECT (SELECT count(*) FROM outbox WHERE kind = 'reminder') AS outbox, (SELECT count(DISTINCT schedule_id) FROM schedule_runs) AS schedules, (SELECT count(*) FROM schedule_runs) AS runs",
      )
      .get()
    raw.close()
    expect(counts).toEqual({ outbox: 1000, schedules: 1000, runs: 1000 })
  })
})
