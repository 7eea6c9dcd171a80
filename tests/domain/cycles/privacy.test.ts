import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Db, openDatabase } from '../../../src/db/client.js'
import type { ActorContext } from '../../../src/domain/actor.js'
import { cycleDays, cyclePeriods, cycleSettings, cycleShares } from '../../../src/domain/cycles/schema.js'
import { cycleTools } from '../../../src/domain/cycles/tools.js'
import { composeDigest } from '../../../src/domain/digest/compose.js'
import type { DomainError } from '../../../src/domain/errors.js'
import { exportFamily } from '../../../src/domain/export/service.js'
import { exportTables } from '../../../src/domain/export/tables.js'
import { schedules } from '../../../src/domain/schedules/schema.js'
import { runTool, type Tool } from '../../../src/domain/tools.js'
import { ManualClock } from '../../../src/lib/clock.js'
import { joinedMember, ownerOfNewFamily } from '../../support/family.js'
import { tempDir } from '../../support/harness.js'

/**
 * Issue #8: a member's cycles are hers. Every cycle tool, called as the family's owner, a parent (admin)
 * who is her partner but has no share, and the nanny, neither reads nor changes her record; a member she
 * shares with reads it and cannot change it; the digest and the family export carry nothing of it.
 */

const KEY = `${'k'.repeat(43)}=`
let db: Db
let cleanup: () => void
let clock: ManualClock
let dbFile: string
const a = {} as Record<'ana' | 'jane' | 'sam' | 'maria' | 'lee', ActorContext>

const tools = cycleTools as Tool[]
const tool = (name: string) => tools.find((t) => t.name === name) as Tool
const run = (name: string, actor: ActorContext, input: unknown = {}) =>
  db.transaction((tx) => runTool(tool(name), { tx, actor, clock }, input))
const outcome = (p: Promise<unknown>) =>
  p.then(
    (v) => ({ ok: true as const, json: JSON.stringify(v) }),
    (e: DomainError) => ({ ok: false as const, code: e.code, json: String(e.userMessage ?? e.message) }),
  )

/** Everything stored about Jane's cycles, to compare before and after. */
const janeRecord = () =>
  db.read(async (tx) => ({
    periods: (await tx.select().from(cyclePeriods)).filter((r) => r.memberId === a.jane.memberId),
    days: (await tx.select().from(cycleDays)).filter((r) => r.memberId === a.jane.memberId),
    settings: (await tx.select().from(cycleSettings)).filter((r) => r.memberId === a.jane.memberId),
    shares: (await tx.select().from(cycleShares)).filter((r) => r.ownerMemberId === a.jane.memberId),
    schedules: (await tx.select().from(schedules)).filter((r) => r.memberId === a.jane.memberId),
  }))

/** Dates and words only Jane's record holds. */
const JANE_MARKERS = ['2026-01-05', '2026-02-03', '2026-03-04', 'migraine', 'ginger tea', '36.45']

beforeEach(async () => {
  const temp = tempDir()
  dbFile = join(temp.dir, 'cycles.db')
  db = openDatabase(dbFile, { fieldKey: KEY })
  cleanup = () => {
    db.close()
    temp.cleanup()
  }
  clock = new ManualClock('2026-03-10T15:00:00Z')
  a.ana = await ownerOfNewFamily(db, clock.now())
  a.jane = await joinedMember(db, clock.now(), a.ana, { role: 'member', phone: '+15551230002', name: 'Jane' })
  a.sam = await joinedMember(db, clock.now(), a.ana, { role: 'admin', phone: '+15551230004', name: 'Sam' })
  a.maria = await joinedMember(db, clock.now(), a.ana, { role: 'caregiver', phone: '+15551230003', name: 'Maria' })
  a.lee = await joinedMember(db, clock.now(), a.ana, { role: 'member', phone: '+15551230005', name: 'Lee' })
  for (const date of ['2026-01-05', '2026-02-03', '2026-03-04']) {
    await run('log_period_start', a.jane, { date })
  }
  await run('log_cycle_day', a.jane, {
    date: '2026-03-04',
    flow: 'heavy',
    symptoms: ['migraine', 'cramps'],
    bbt: 36.45,
    note: 'ginger tea helped',
  })
  await run('set_cycle_reminder', a.jane, { on: true })
  await run('share_cycle', a.jane, { member: 'Lee' })
})
afterEach(() => cleanup())

/** A plausible input for every tool, naming Jane wherever a tool takes a name. */
const INPUTS: Record<string, unknown[]> = {
  log_period_start: [{}, { date: '2026-03-01' }],
  log_period_end: [{}],
  log_cycle_day: [{ flow: 'light', symptoms: ['headache'], note: 'x' }],
  cycle_prediction: [{ whose: 'Jane' }, { whose: 'jane' }, {}],
  cycle_history: [{ whose: 'Jane' }, { whose: 'jane' }, {}],
  set_cycle_reminder: [{ on: false }],
  share_cycle: [{ member: 'Jane' }],
  unshare_cycle: [{ member: 'Jane' }],
  cycle_shares: [{}],
  cycle_chart: [{}],
}

/** One call as someone else: nothing of Jane's in the answer (or any picture), and naming her is not found. */
async function expectNothingOfJane(name: string, actor: ActorContext, input: unknown) {
  const r = await outcome(run(name, actor, input))
  if (name === 'cycle_chart' && r.ok) await expectNoJaneInPictures()
  for (const marker of JANE_MARKERS) expect(r.json, `${name} ${JSON.stringify(input)}`).not.toContain(marker)
  if ((input as { whose?: string }).whose) expect(r).toMatchObject({ ok: false, code: 'not_found' })
}

/** Every picture drawn so far is someone else's own calendar: nothing of Jane's in any snapshot. */
async function expectNoJaneInPictures() {
  const drawn = await db.read((tx) => tx.query.media.findMany())
  for (const m of drawn) expect(m.memberId).not.toBe(a.jane.memberId)
  const opened = await db.read(async (tx) => drawn.map((m) => tx.fields.open(m.snapshot)).join())
  for (const marker of JANE_MARKERS) expect(opened, 'cycle_chart snapshot').not.toContain(marker)
}

describe('cycle privacy through every tool', () => {
  it('covers every cycle tool', () => {
    expect(Object.keys(INPUTS).sort()).toEqual(tools.map((t) => t.name).sort())
  })

  it.each(['ana', 'sam', 'maria'] as const)(
    '%s (owner, partner-admin without a share, nanny) cannot read or change Jane’s cycles',
    async (who) => {
      const before = await janeRecord()
      expect(before.periods).toHaveLength(3)
      for (const t of tools) {
        const inputs = [
          ...(INPUTS[t.name] ?? []),
          ...(t.name.startsWith('cycle_') && t.name !== 'cycle_shares' ? [{ whose: a.jane.memberId }] : []),
        ]
        for (const input of inputs) await expectNothingOfJane(t.name, a[who], input)
      }
      expect(await janeRecord()).toEqual(before)
    },
  )

  it('a refusal reads the same whether or not she tracks anything', async () => {
    const tracked = await outcome(run('cycle_prediction', a.ana, { whose: 'Jane' }))
    const untracked = await outcome(run('cycle_prediction', a.ana, { whose: 'Lee' }))
    const nobody = await outcome(run('cycle_prediction', a.ana, { whose: 'Zed' }))
    expect(tracked.json.replace('Jane', 'X')).toBe(untracked.json.replace('Lee', 'X'))
    expect(nobody).toMatchObject({ ok: false, code: 'not_found' })
  })

  it('a member she shares with reads her predictions and history, and cannot write them', async () => {
    const p = await outcome(run('cycle_prediction', a.lee, { whose: 'Jane' }))
    expect(p.ok).toBe(true)
    expect(p.json).toContain('"lastStart":"2026-03-04"')
    const h = await outcome(run('cycle_history', a.lee, { whose: 'Jane' }))
    expect(h.json).toContain('migraine')
    const before = await janeRecord()
    for (const t of tools.filter((x) => !x.readOnly)) {
      for (const input of INPUTS[t.name] ?? []) await outcome(run(t.name, a.lee, input))
    }
    expect(await janeRecord()).toEqual(before)
    // Lee's own writes went to Lee's own record.
    const lees = await db.read(async (tx) =>
      (await tx.select().from(cyclePeriods)).filter((r) => r.memberId === a.lee.memberId),
    )
    expect(lees.length).toBeGreaterThan(0)
  })

  it('stopping the share stops the reads', async () => {
    await run('unshare_cycle', a.jane, { member: 'Lee' })
    expect(await outcome(run('cycle_history', a.lee, { whose: 'Jane' }))).toMatchObject({
      ok: false,
      code: 'not_found',
    })
  })

  it('a removed member’s share no longer opens her record to anyone', async () => {
    const r = await outcome(run('cycle_prediction', a.lee, { whose: 'Jane' }))
    expect(r.ok).toBe(true)
    await db.transaction(async (tx) => {
      const { members } = await import('../../../src/domain/families/schema.js')
      const { eq } = await import('drizzle-orm')
      await tx.update(members).set({ status: 'removed' }).where(eq(members.id, a.jane.memberId))
    })
    expect(await outcome(run('cycle_prediction', a.lee, { whose: 'Jane' }))).toMatchObject({ ok: false })
  })

  it('seals symptoms and notes at rest, and keeps no health value in the schedule text', async () => {
    const raw = new Database(dbFile, { readonly: true })
    try {
      const day = raw.prepare('SELECT symptoms, note FROM cycle_days').get() as { symptoms: string; note: string }
      expect(day.symptoms).toMatch(/^enc1:/)
      expect(day.note).toMatch(/^enc1:/)
      expect(JSON.stringify(raw.prepare('SELECT * FROM cycle_days').all())).not.toContain('migraine')
    } finally {
      raw.close()
    }
    const [s] = (await janeRecord()).schedules
    expect(s?.kind).toBe('cycle')
    await expect(db.read(async (tx) => tx.fields.open(s?.body ?? null))).resolves.toBe('cycle reminder')
  })

  it('the digest and the family export carry nothing of hers', async () => {
    const record = await db.read((tx) => exportFamily(tx, clock.now(), a.ana.familyId))
    const json = JSON.stringify(record)
    const csv = JSON.stringify(exportTables(record))
    for (const marker of [...JANE_MARKERS, 'cycle reminder', '"cycle"']) {
      expect(json).not.toContain(marker)
      expect(csv).not.toContain(marker)
    }
    // The export still carries the family's other schedules (what it left out is hers alone).
    expect(record.schedules.schedules.every((s) => s.kind !== 'cycle')).toBe(true)
    const digest = await db.read((tx) =>
      composeDigest(tx, a.ana.familyId, { from: new Date('2026-01-01'), to: clock.now() }),
    )
    for (const marker of JANE_MARKERS) expect(JSON.stringify(digest)).not.toContain(marker)
  })
})
