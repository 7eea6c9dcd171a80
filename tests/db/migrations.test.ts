import { statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { openDatabase } from '../../src/db/client.js'
import { members } from '../../src/domain/families/schema.js'
import { acceptInboundMany } from '../../src/domain/inbox/service.js'
import { createLogger } from '../../src/lib/logger.js'
import { tempDir } from '../support/harness.js'

let dir: string
let cleanup: () => void
beforeEach(() => {
  ;({ dir, cleanup } = tempDir())
})
afterEach(() => cleanup())

const tables = (file: string) => {
  const sqlite = new Database(file, { readonly: true })
  try {
    return (
      sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    ).map((r) => r.name)
  } finally {
    sqlite.close()
  }
}
const applied = (file: string) => {
  const sqlite = new Database(file, { readonly: true })
  try {
    return (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n
  } finally {
    sqlite.close()
  }
}

describe('migrations', () => {
  it('apply to an empty file and create every table', () => {
    const file = join(dir, 'nested', 'fresh.db')
    const db = openDatabase(file)
    expect(db.ready()).toBe(true)
    db.close()
    expect(tables(file)).toEqual(
      expect.arrayContaining([
        'families',
        'members',
        'channel_identities',
        'dependents',
        'invitations',
        'opt_outs',
        'inbox',
        'outbox',
        'audit_log',
        'onboarding_sessions',
      ]),
    )
  })

  it('apply again to an already-migrated file as a no-op, keeping its data', () => {
    const file = join(dir, 'twice.db')
    const first = openDatabase(file)
    first.close()
    const before = applied(file)
    const raw = new Database(file)
    raw
      .prepare(
        "INSERT INTO families (id, name, timezone, locale, created_at) VALUES ('fam_x', 'Kept', 'UTC', 'en-US', 0)",
      )
      .run()
    raw.close()
    const second = openDatabase(file)
    expect(second.ready()).toBe(true)
    second.close()
    expect(applied(file)).toBe(before)
    const check = new Database(file, { readonly: true })
    expect(check.prepare('SELECT name FROM families').all()).toEqual([{ name: 'Kept' }])
    check.close()
  })

  it('turns on WAL and foreign keys', async () => {
    const file = join(dir, 'pragmas.db')
    const db = openDatabase(file)
    const orphan = db.transaction(async (tx) => {
      await tx.insert(members).values({
        id: 'mem_orphan',
        familyId: 'fam_missing',
        name: 'Nobody',
        role: 'viewer',
        status: 'active',
        channelOrder: ['sms'],
        createdAt: new Date(0),
      })
    })
    await expect(orphan).rejects.toThrow(/FOREIGN KEY/)
    db.close()
    const raw = new Database(file)
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal')
    raw.close()
  })

  it('reports not ready when the migrations were not applied', () => {
    const db = openDatabase(join(dir, 'bare.db'), { migrateOnOpen: false })
    expect(db.ready()).toBe(false)
    db.close()
  })
})

describe('openDatabase', () => {
  it('fails with ENOENT instead of hanging when the folder cannot exist (a path under /proc)', () => {
    expect(() => openDatabase('/proc/mednanny-nope/data/m.db')).toThrow(/ENOENT/)
  })
})

describe('background WAL checkpoints', () => {
  it('copy committed pages into the database file from another thread, with none in commits', async () => {
    const file = join(dir, 'wal.db')
    const db = openDatabase(file)
    const errors: string[] = []
    db.startBackgroundCheckpoints((code) => errors.push(code), 10)
    const sizeBefore = statSync(file).size
    const now = new Date(0)
    await db.transaction((tx) =>
      acceptInboundMany(
        tx,
        now,
        Array.from({ length: 2000 }, (_, i) => ({
          channel: 'sms' as const,
          externalId: `SMwal${i}`,
          fromAddress: '+15551230001',
          body: 'x'.repeat(200),
        })),
      ),
    )
    // Only the WAL holds the rows until a checkpoint copies them into the main file.
    await expect.poll(() => statSync(file).size, { timeout: 5_000 }).toBeGreaterThan(sizeBefore + 200_000)
    await db.stopBackgroundCheckpoints()
    db.close()
    expect(errors).toEqual([])
  })
})

describe('closing the app', () => {
  it('stops background checkpoints even when they were started without start() (the worker would keep the process alive)', async () => {
    const ports = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length
    const app = await buildApp(loadConfig({ DATABASE_PATH: join(dir, 'close.db') }), { logger: createLogger('silent') })
    const before = ports()
    app.mednanny.db.startBackgroundCheckpoints()
    expect(ports()).toBeGreaterThan(before)
    await app.close()
    expect(ports()).toBe(before)
  })
})
