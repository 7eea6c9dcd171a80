import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/run.js'
import { DEMO_PHONES } from '../../src/domain/record/demo.js'
import { ManualClock } from '../../src/lib/clock.js'
import { startTestApp, tempDir } from '../support/harness.js'

const KEY_A = 'a'.repeat(64)
const KEY_B = 'b'.repeat(64)

let dir: string
let cleanup: () => void
let clock: ManualClock

beforeEach(() => {
  ;({ dir, cleanup } = tempDir())
  clock = new ManualClock('2026-03-10T15:00:00Z')
})
afterEach(() => cleanup())

/** `mednanny <argv>` in-process against one server's database file and key. */
async function cli(server: { db: string; key?: string }, ...argv: string[]) {
  let out = ''
  let err = ''
  const env: Record<string, string> = { DATABASE_PATH: server.db }
  if (server.key) env.DATA_ENCRYPTION_KEY = server.key
  const code = await runCli(argv, {
    env,
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    clock,
  })
  return { code, out, err }
}

const serverA = () => ({ db: join(dir, 'a.db'), key: KEY_A })
const serverB = () => ({ db: join(dir, 'b.db'), key: KEY_B })

/** The demo family (three days of history, notes, a visit, medications) exported from server A. */
async function demoExport(): Promise<{ id: string; file: string; record: Record<string, unknown> }> {
  const a = serverA()
  const seeded = await cli(a, 'demo', '--json')
  expect(seeded.code, seeded.err).toBe(0)
  const { id } = JSON.parse(seeded.out) as { id: string }
  const file = join(dir, 'demo.json')
  const exported = await cli(a, 'export', '--family', id, '--format', 'json', '--out', file)
  expect(exported.code, exported.err).toBe(0)
  return { id, file, record: JSON.parse(readFileSync(file, 'utf8')) }
}

function count(db: string, table: string): number {
  const raw = new Database(db, { readonly: true })
  try {
    return (raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  } finally {
    raw.close()
  }
}

describe('mednanny import', () => {
  it('reads back exactly what export wrote: export → import on another server → export is the same record', async () => {
    const { id, file, record } = await demoExport()
    const b = serverB()
    const imported = await cli(b, 'import', '--family', 'The Demo Family', '--file', file)
    expect(imported.code, imported.err).toBe(0)
    expect(imported.out).toMatch(/^Imported The Demo Family \(fam_\w+\): 4 members, 3 dependents, \d+ care-log entries/)

    clock.advance(60_000)
    const again = await cli(b, 'export', '--family', id, '--format', 'json')
    expect(again.code, again.err).toBe(0)
    const back = JSON.parse(again.out) as Record<string, unknown> & { audit: { action: string }[] }
    const { exportedAt: _a, audit: auditA, ...restA } = record as typeof back
    const { exportedAt: _b, audit: auditB, ...restB } = back
    expect(restB).toEqual(restA)
    // The history travels whole, and the import itself is on record after it.
    expect(auditB.slice(0, auditA.length)).toEqual(auditA)
    expect(auditB.slice(auditA.length).map((a) => a.action)).toEqual(['family.import'])

    // Nothing was left behind: every section is non-empty, notes included (opened in the file).
    const care = restA.careLog as Record<string, unknown[]>
    expect(care.feeds?.length).toBeGreaterThan(20)
    expect(care.notes).toEqual([expect.objectContaining({ body: 'Rolled from tummy to back for the first time!' })])
    const medical = restA.medical as Record<string, unknown[]>
    expect(medical.visits).toEqual([expect.objectContaining({ notes: 'Growing well; next visit at 6 months.' })])
    expect((restA.medications as Record<string, unknown[]>).doses?.length).toBe(9)
    // Grandpa's dose reminders travel with what they already sent, so none is sent twice after the move.
    expect((restA.schedules as Record<string, unknown[]>).schedules?.length).toBeGreaterThan(0)
  })

  it('seals the notes with the new server’s key, and the family can text the new server at once', async () => {
    const { file } = await demoExport()
    const b = serverB()
    expect((await cli(b, 'import', '--family', 'The Demo Family', '--file', file)).code).toBe(0)
    const raw = new Database(b.db, { readonly: true })
    const bodies = raw.prepare('SELECT body FROM care_notes').all() as { body: string }[]
    raw.close()
    expect(bodies.map((r) => r.body.startsWith('enc1:'))).toEqual([true])

    const t = await startTestApp({ dbPath: b.db, clock, env: { DATA_ENCRYPTION_KEY: KEY_B } })
    try {
      await t.sms(DEMO_PHONES.ana, 'when did maya last eat?')
      await t.settle()
      expect(t.inboxOf(DEMO_PHONES.ana).at(-1)).toMatch(/Maya/)
      expect(t.inboxOf(DEMO_PHONES.ana).at(-1)).toMatch(/120 ml/)
    } finally {
      await t.close()
    }
  })

  it('refuses the wrong family, a second import and a file of another version, and writes nothing', async () => {
    const { id, file, record } = await demoExport()
    const b = serverB()
    const wrong = await cli(b, 'import', '--family', 'The Garcias', '--file', file)
    expect(wrong).toMatchObject({ code: 1 })
    expect(wrong.err).toBe(`mednanny: import: the file holds family "The Demo Family" (${id}), not "The Garcias"\n`)
    expect(count(b.db, 'families')).toBe(0)

    expect((await cli(b, 'import', '--family', id, '--file', file)).code).toBe(0)
    const twice = await cli(b, 'import', '--family', id, '--file', file)
    expect(twice.code).toBe(1)
    expect(twice.err).toMatch(/already on this server; import adds new families only/)

    const v1 = join(dir, 'v1.json')
    writeFileSync(v1, JSON.stringify({ ...record, version: 1 }))
    const old = await cli(serverA(), 'import', '--family', id, '--file', v1)
    expect(old.err).toBe('mednanny: import: the file is export version 1; this server reads version 4\n')
  })

  it('checks the whole file before writing: one bad row anywhere fails it and names where', async () => {
    const { id, record } = await demoExport()
    const b = serverB()
    const care = record.careLog as { diapers: Record<string, unknown>[] }
    const broken = structuredClone(record) as typeof record & { careLog: typeof care }
    ;(broken.careLog.diapers[5] as Record<string, unknown>).at = 'yesterday-ish'
    const file = join(dir, 'broken.json')
    writeFileSync(file, JSON.stringify(broken))
    const out = await cli(b, 'import', '--family', id, '--file', file)
    expect(out.code).toBe(1)
    expect(out.err).toMatch(/^mednanny: import: careLog\.diapers\.5\.at: /)
    expect(count(b.db, 'families') + count(b.db, 'members') + count(b.db, 'feeds')).toBe(0)

    // A row that points at another family is refused, so an edited file cannot write into someone else's.
    const stray = structuredClone(record) as typeof broken
    ;(stray.careLog.diapers[0] as Record<string, unknown>).familyId = 'fam_someone_else'
    writeFileSync(file, JSON.stringify(stray))
    expect((await cli(b, 'import', '--family', id, '--file', file)).err).toMatch(
      /a row belongs to family fam_someone_else/,
    )

    // A JSON column left out is refused too, not read as "anything" (db/columns.ts's json is a custom type).
    const missing = structuredClone(record) as typeof broken & { schedules: { schedules: Record<string, unknown>[] } }
    expect(missing.schedules.schedules.length).toBeGreaterThan(0)
    delete (missing.schedules.schedules[0] as Record<string, unknown>).detail
    writeFileSync(file, JSON.stringify(missing))
    expect((await cli(b, 'import', '--family', id, '--file', file)).err).toMatch(
      /^mednanny: import: schedules\.schedules\.0\.detail: /,
    )

    writeFileSync(file, '{"version": 2, "family": ')
    expect((await cli(b, 'import', '--family', id, '--file', file)).err).toMatch(/is not JSON/)
    expect((await cli(b, 'import', '--family', id, '--file', join(dir, 'nope.json'))).err).toMatch(/does not exist/)
    expect(count(b.db, 'families')).toBe(0)
  })

  it('refuses a row that points at a member or child outside the file', async () => {
    const { id, record } = await demoExport()
    const b = serverB()
    const edited = structuredClone(record) as typeof record & { careLog: { feeds: Record<string, unknown>[] } }
    const feed = edited.careLog.feeds[0] as Record<string, unknown>
    feed.dependentId = 'dep_someone_elses_child'
    const file = join(dir, 'edited.json')
    writeFileSync(file, JSON.stringify(edited))
    const out = await cli(b, 'import', '--family', id, '--file', file)
    expect(out.err).toBe(
      "mednanny: import: careLog.feeds.0.dependentId: dep_someone_elses_child is not one of this file's dependents\n",
    )
    expect(count(b.db, 'families')).toBe(0)
  })

  it('an SOS still open in the file arrives closed, so nobody is alerted about it', async () => {
    const a = serverA()
    expect((await cli(a, 'demo')).code).toBe(0)
    const t = await startTestApp({ dbPath: a.db, clock, env: { DATA_ENCRYPTION_KEY: KEY_A } })
    await t.sms(DEMO_PHONES.maria, 'SOS')
    await t.settle()
    await t.close()
    const idOut = await cli(a, 'family', 'list', '--json')
    const familyId = (JSON.parse(idOut.out) as { id: string }[])[0]?.id ?? ''
    const file = join(dir, 'with-sos.json')
    expect((await cli(a, 'export', '--family', familyId, '--format', 'json', '--out', file)).code).toBe(0)
    const b = serverB()
    expect((await cli(b, 'import', '--family', familyId, '--file', file)).code).toBe(0)
    const raw = new Database(b.db, { readonly: true })
    const incidents = raw.prepare('SELECT status, next_escalation_at FROM sos_incidents').all()
    raw.close()
    expect(incidents).toEqual([{ status: 'resolved', next_escalation_at: null }])
  })

  it('refuses a phone that already belongs to a member on this server', async () => {
    const { id, file } = await demoExport()
    const b = serverB()
    // Server B already knows Ana's number, in a family of its own.
    expect((await cli(b, 'demo')).code).toBe(0)
    const out = await cli(b, 'import', '--family', id, '--file', file)
    expect(out.code).toBe(1)
    expect(out.err).toMatch(/phone \+15550100101 already belongs to a member on this server/)
    expect(count(b.db, 'families')).toBe(1)
  })
})
