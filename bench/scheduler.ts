/**
 * The scheduler (issue #5): how fast due reminders become outbox rows, and what a tick costs when
 * nothing is due. Both run the real Scheduler.tick() on a real SQLite file; rows are seeded with plain
 * INSERTs (seeding is not what is measured).
 *
 * - scheduler: 100,000 reminders due at once → outbox rows/s (goal ≥ 10,000/s). Baseline: the same
 *   number of outbox-sized rows written by one prepared INSERT in one transaction, the floor for any
 *   design that writes a row per message.
 * - scheduler-idle: a tick with 1,000,000 future schedules and none due (goal < 2 ms), against a tick
 *   with 10 — the cost must follow due work, not all work.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { type Db, openDatabase } from '../src/db/client.js'
import { createFamily } from '../src/domain/families/service.js'
import { ManualClock } from '../src/lib/clock.js'
import { newId } from '../src/lib/ids.js'
import { Scheduler } from '../src/scheduler/scheduler.js'
import { type Row, tempDir } from './support.js'

const DUE = Number(process.env.BENCH_DUE ?? 100_000)
const FUTURE = 1_000_000
// 08:00:30 in New York: every reminder of 7:31–8:00 today is due, inside the 30-minute grace window.
const NOW = new Date('2026-11-27T13:00:30Z')
const AT_730 = Date.parse('2026-11-27T12:30:00Z')
const silent = { error: () => undefined, info: () => undefined }

async function seedFamily(db: Db): Promise<{ familyId: string; memberId: string }> {
  return await db.transaction(async (tx) => {
    const { family, owner } = await createFamily(tx, NOW, {
      name: 'Bench',
      timezone: 'America/New_York',
      locale: 'en-US',
      owner: { name: 'Ana', sender: { kind: 'phone', address: '+15550100001', channel: 'sms' } },
    })
    return { familyId: family.id, memberId: owner.id }
  })
}

/**
 * `n` daily reminders inserted straight into the file, as families set them: started on different days
 * (1–27 November) at different minutes (7:31–8:00 local), so the rules differ. Reminder `i` is due at
 * `nextRunAt(i, minute)`, given its minute past 7:30.
 */
function seedSchedules(
  path: string,
  who: { familyId: string; memberId: string },
  n: number,
  nextRunAt: (i: number, minutePast730: number) => number,
) {
  const raw = new Database(path)
  const insert = raw.prepare(
    `INSERT INTO schedules (id, family_id, kind, member_id, created_by, body, dtstart, rrule, timezone, next_run_at, status, urgent, created_at, updated_at)
     VALUES (?, ?, 'reminder', ?, ?, ?, ?, 'FREQ=DAILY', 'America/New_York', ?, 'active', 0, ?, ?)`,
  )
  raw.transaction(() => {
    for (let i = 0; i < n; i++) {
      const day = String(1 + (i % 27)).padStart(2, '0')
      const minute = 1 + (Math.floor(i / 27) % 30)
      const local = minute === 30 ? '08:00' : `07:${String(30 + minute).padStart(2, '0')}`
      const body = `reminder ${i}`
      insert.run(
        newId('sch'),
        who.familyId,
        who.memberId,
        who.memberId,
        body,
        `2026-11-${day}T${local}`,
        nextRunAt(i, minute),
        0,
        0,
      )
    }
  })()
  raw.close()
}

export async function scheduler(): Promise<Row> {
  const { dir, cleanup } = tempDir()
  try {
    const path = join(dir, 'scheduler.db')
    const db = openDatabase(path)
    seedSchedules(path, await seedFamily(db), DUE, (_, minute) => AT_730 + minute * 60_000)
    const s = new Scheduler({ db, clock: new ManualClock(NOW), log: silent })
    const started = performance.now()
    const result = await s.tick()
    const seconds = (performance.now() - started) / 1000
    db.close()
    const rate = result.sent / seconds
    if (result.sent !== DUE) throw new Error(`the scheduler sent ${result.sent} of ${DUE}`)

    const floor = floorRate(join(dir, 'floor.db'), DUE)
    console.log(`\nscheduler: ${DUE.toLocaleString('en-US')} reminders due at once`)
    console.log(
      `  fired ${result.sent.toLocaleString('en-US')} in ${seconds.toFixed(2)} s = ${Math.round(rate).toLocaleString('en-US')} outbox rows/s`,
    )
    console.log(
      `  baseline (one prepared INSERT per row, one transaction): ${Math.round(floor).toLocaleString('en-US')} rows/s`,
    )
    return {
      scenario: 'scheduler',
      figure: `${Math.round(rate).toLocaleString('en-US')} rows/s`,
      baseline: `${Math.round(floor).toLocaleString('en-US')} rows/s (bare INSERT)`,
      ratio: rate / floor,
      goal: '≥ 10,000 rows/s',
      met: result.sent === DUE && rate >= 10_000,
    }
  } finally {
    cleanup()
  }
}

export async function schedulerIdle(): Promise<Row> {
  const { dir, cleanup } = tempDir()
  try {
    const big = await idleTickMs(join(dir, 'big.db'), FUTURE)
    const small = await idleTickMs(join(dir, 'small.db'), 10)
    console.log(`\nscheduler-idle: a tick with nothing due`)
    console.log(`  ${FUTURE.toLocaleString('en-US')} future schedules: ${big.toFixed(3)} ms/tick`)
    console.log(`  baseline, 10 future schedules: ${small.toFixed(3)} ms/tick`)
    return {
      scenario: 'scheduler-idle',
      figure: `${big.toFixed(3)} ms/tick (1M future)`,
      baseline: `${small.toFixed(3)} ms/tick (10 future)`,
      ratio: big / small,
      goal: '< 2 ms',
      met: big < 2,
    }
  } finally {
    cleanup()
  }
}

async function idleTickMs(path: string, n: number): Promise<number> {
  const db = openDatabase(path)
  // Spread over the next year, none due now.
  seedSchedules(path, await seedFamily(db), n, (i) => NOW.getTime() + 60_000 + (i % 525_600) * 60_000)
  const s = new Scheduler({ db, clock: new ManualClock(NOW), log: silent })
  for (let i = 0; i < 50; i++) await s.tick()
  const ticks = 500
  const started = performance.now()
  for (let i = 0; i < ticks; i++) {
    const r = await s.tick()
    if (r.claimed) throw new Error('a tick found due work in the idle bench')
  }
  const ms = (performance.now() - started) / ticks
  db.close()
  return ms
}

/** Rows/s of the least any design must do: one INSERT of an outbox-sized row each, one transaction. */
function floorRate(path: string, n: number): number {
  const raw = new Database(path)
  raw.pragma('journal_mode = WAL')
  raw.exec('CREATE TABLE t (id TEXT PRIMARY KEY, key TEXT UNIQUE, to_address TEXT, body TEXT, at INTEGER)')
  const insert = raw.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?)')
  const started = performance.now()
  raw.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(newId('obx'), `sch:${i}`, '+15550100001', `⏰ Reminder: reminder ${i}`, i)
  })()
  const seconds = (performance.now() - started) / 1000
  raw.close()
  return n / seconds
}
