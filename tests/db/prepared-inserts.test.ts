import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Db, MIGRATIONS_FOLDER, openDatabase } from '../../src/db/client.js'
import { acceptInboundMany, lastLocationOf } from '../../src/domain/inbox/service.js'
import { enqueueOutbox, enqueueOutboxMany, type NewOutboxMessage } from '../../src/domain/outbox/service.js'
import { tempDir } from '../support/harness.js'

/**
 * The hot inserts (inbox, outbox) run prepared statements filled by name (src/db/prepared.ts). drizzle
 * encodes a placeholder's value without its usual null check, so these read the file itself: "nothing"
 * must be SQL NULL, not the JSON text 'null'.
 */
let dir: string
let cleanup: () => void
let db: Db
let file: string
const now = new Date('2026-11-27T12:00:00Z')
beforeEach(() => {
  ;({ dir, cleanup } = tempDir())
  file = join(dir, 'prepared.db')
  db = openDatabase(file)
})
afterEach(() => {
  db.close()
  cleanup()
})

const raw = <T>(query: string): T[] => {
  const sqlite = new Database(file, { readonly: true })
  try {
    return sqlite.prepare(query).all() as T[]
  } finally {
    sqlite.close()
  }
}

const message = (key: string, extra: Partial<NewOutboxMessage> = {}): NewOutboxMessage => ({
  idempotencyKey: key,
  channel: 'sms',
  toAddress: '+15550100001',
  body: `text ${key}`,
  kind: 'reminder',
  ...extra,
})

describe('the prepared inbox insert', () => {
  it('stores a message with no location as SQL NULL, and one with a pin as its JSON', async () => {
    const pin = { latitude: 40.7, longitude: -74 }
    await db.transaction((tx) =>
      acceptInboundMany(tx, now, [
        { channel: 'whatsapp', externalId: 'SM1', fromAddress: '+15550100001', body: 'SOS', location: pin },
        { channel: 'whatsapp', externalId: 'SM2', fromAddress: '+15550100001', body: 'still here' },
      ]),
    )
    expect(raw('SELECT external_id, location FROM inbox ORDER BY external_id')).toEqual([
      { external_id: 'SM1', location: JSON.stringify(pin) },
      { external_id: 'SM2', location: null },
    ])
    expect(await db.read((tx) => lastLocationOf(tx, '+15550100001', new Date(0)))).toEqual(pin)
  })
})

describe('the prepared outbox insert', () => {
  it('stores no payload as SQL NULL and a payload as its JSON, one by one or many at once', async () => {
    const payload = { kind: 'reminder', scheduleId: 'sch_1', occurrence: 1 } as const
    await db.transaction(async (tx) => {
      await enqueueOutbox(tx, now, message('one'))
      await enqueueOutbox(tx, now, message('two', { payload }))
      await enqueueOutboxMany(tx, now, [message('three'), message('four', { payload })])
    })
    expect(raw('SELECT idempotency_key AS k, payload FROM outbox ORDER BY body')).toEqual([
      { k: 'four', payload: JSON.stringify(payload) },
      { k: 'one', payload: null },
      { k: 'three', payload: null },
      { k: 'two', payload: JSON.stringify(payload) },
    ])
  })

  it('writes a repeated key once, and says so: no id, not counted', async () => {
    const [first, again, many] = await db.transaction(async (tx) => [
      await enqueueOutbox(tx, now, message('same')),
      await enqueueOutbox(tx, now, message('same', { body: 'changed' })),
      await enqueueOutboxMany(tx, now, [message('same'), message('new'), message('new')]),
    ])
    expect(first).toHaveLength(1)
    expect(again).toEqual([])
    expect(many).toBe(1)
    expect(raw('SELECT idempotency_key AS k, body FROM outbox ORDER BY k')).toEqual([
      { k: 'new', body: 'text new' },
      { k: 'same', body: 'text same' },
    ])
  })
})

describe('migration 0022', () => {
  it("turns a stored 'null' location into SQL NULL", () => {
    db.close()
    // A file migrated up to 0021 only (a copy of the folder with the later migrations cut from its
    // journal), holding what the old prepared insert wrote; then opened as the server opens it.
    const folder = join(dir, 'migrations-0021')
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true })
    const journalFile = join(folder, 'meta', '_journal.json')
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] }
    journal.entries = journal.entries.filter((e) => e.tag < '0022')
    writeFileSync(journalFile, JSON.stringify(journal))
    const old = join(dir, 'old.db')
    const sqlite = new Database(old)
    migrate(drizzle(sqlite), { migrationsFolder: folder })
    sqlite
      .prepare(
        `INSERT INTO inbox (id, channel, external_id, from_address, conversation_key, body, media, location, meta, status, attempts, received_at, next_attempt_at)
         VALUES ('inb_old', 'sms', 'SMold', '+15550100001', 'sms:+15550100001', 'hi', '[]', 'null', '{}', 'done', 0, 0, 0)`,
      )
      .run()
    sqlite.close()
    file = old
    db = openDatabase(old)
    expect(raw("SELECT location FROM inbox WHERE id = 'inb_old'")).toEqual([{ location: null }])
  })
})
