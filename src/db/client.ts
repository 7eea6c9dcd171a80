import { AsyncLocalStorage } from 'node:async_hooks'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { eq } from 'drizzle-orm'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { fromRoot } from '../lib/root.js'
import { type Checkpointer, startCheckpointer } from './checkpointer.js'
import { createFieldCipher, type FieldCipher, verifyFieldKey } from './field-cipher.js'
import { dbMeta, FIELD_KEY_CHECK } from './meta.js'
import * as schema from './schema.js'

/**
 * The handle every domain service receives. Services only `await` query builders on it (never the
 * synchronous `.all()/.get()/.run()`), so the same code runs on drizzle's async PostgreSQL driver later.
 * See docs/decisions/0002-transactions.md.
 */
export type Tx = BetterSQLite3Database<typeof schema> & {
  /** Seals and opens free-text health notes (a no-op without DATA_ENCRYPTION_KEY); see field-cipher.ts. */
  readonly fields: FieldCipher
}

export interface Db {
  /**
   * Runs `fn` in one transaction: BEGIN IMMEDIATE, COMMIT when the promise resolves, ROLLBACK when it
   * rejects. Transactions (and reads) on this Db are serialized in-process, so statements of two callers
   * never interleave even when `fn` awaits. Keep slow I/O (HTTP, model calls) outside `fn`.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>
  /** Runs read-only work in the same queue, so it never sees another caller's uncommitted writes. */
  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T>
  /** SQLite online backup to a file; consistent while writers run. */
  backup(toFile: string): Promise<void>
  /**
   * Checkpoints the WAL from a background thread instead of inside commits (see checkpointer.ts). For
   * the long-running server; short-lived users (CLI, tests) keep SQLite's automatic checkpoints.
   */
  startBackgroundCheckpoints(onError?: (code: string) => void, intervalMs?: number): void
  stopBackgroundCheckpoints(): Promise<void>
  /** True when the database answers and every migration is applied. */
  ready(): boolean
  close(): void
  readonly path: string
}

export const MIGRATIONS_FOLDER = fromRoot('migrations')

export class NestedTransactionError extends Error {
  override name = 'NestedTransactionError'
  constructor() {
    super('a transaction was opened inside another one on the same database; pass the outer tx down instead')
  }
}

export interface OpenOptions {
  /** Run pending migrations (default true). */
  migrateOnOpen?: boolean
  /** DATA_ENCRYPTION_KEY: notes are sealed with it, and a key that does not match the file fails here. */
  fieldKey?: string
}

/**
 * Opens (creating if needed) the SQLite file, sets WAL, foreign keys and a busy timeout, migrates, and
 * checks the field-encryption key against the file (FieldKeyError when it is wrong or missing).
 */
export function openDatabase(path: string, { migrateOnOpen = true, fieldKey }: OpenOptions = {}): Db {
  if (path !== ':memory:') ensureDir(dirname(path))
  const sqlite = new Database(path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  // Another process (the CLI, a backup) may hold the write lock briefly; wait for it rather than fail.
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL') // safe with WAL: a power cut may lose the last commit, never corrupt
  const fields = createFieldCipher(fieldKey)
  const db: Tx = Object.assign(drizzle(sqlite, { schema }), { fields })
  try {
    if (migrateOnOpen) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER })
    checkFieldKey(sqlite, db)
  } catch (err) {
    sqlite.close()
    throw err
  }

  const inside = new AsyncLocalStorage<true>()
  let tail: Promise<unknown> = Promise.resolve()

  /** Chains `work` after everything queued before it; a failure does not break the chain. */
  function enqueue<T>(work: () => Promise<T>): Promise<T> {
    if (inside.getStore()) return Promise.reject(new NestedTransactionError())
    const run = tail.then(() => inside.run(true, work))
    tail = run.catch(() => undefined)
    return run
  }

  let checkpointer: Checkpointer | undefined
  return {
    path,
    startBackgroundCheckpoints(onError, intervalMs) {
      if (checkpointer || path === ':memory:') return
      checkpointer = startCheckpointer(path, { onError, intervalMs })
      sqlite.pragma('wal_autocheckpoint = 0')
    },
    async stopBackgroundCheckpoints() {
      const running = checkpointer
      checkpointer = undefined
      if (!running) return
      await running.stop()
      if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000')
    },
    transaction: (fn) =>
      enqueue(async () => {
        sqlite.exec('BEGIN IMMEDIATE')
        try {
          const out = await fn(db)
          sqlite.exec('COMMIT')
          return out
        } catch (err) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
          throw err
        }
      }),
    read: (fn) => enqueue(() => fn(db)),
    backup: async (toFile) => {
      ensureDir(dirname(toFile))
      await sqlite.backup(toFile)
    },
    ready: () => {
      try {
        sqlite.prepare('SELECT 1').get()
        return migrationsApplied(sqlite)
      } catch {
        return false
      }
    },
    close: () => {
      if (sqlite.open) sqlite.close()
    },
  }
}

/**
 * `mkdir -p` without Node's `recursive` mode, which spins forever at 100% CPU on a path under /proc
 * (Node 20, measured): a typo in DATABASE_PATH must fail with ENOENT, not hang the start.
 */
function ensureDir(dir: string): void {
  if (existsSync(dir)) return
  ensureDir(dirname(dir))
  mkdirSync(dir)
}

/** Compares the key with the check value the first keyed start stored (see verifyFieldKey). */
function checkFieldKey(sqlite: Database.Database, db: Tx): void {
  const table = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'db_meta'").get()
  if (!table) return // not migrated yet: nothing can be sealed
  const row = db.select().from(dbMeta).where(eq(dbMeta.key, FIELD_KEY_CHECK)).get()
  const write = verifyFieldKey(db.fields, row?.value)
  if (write) db.insert(dbMeta).values({ key: FIELD_KEY_CHECK, value: write }).run()
}

function migrationsApplied(sqlite: Database.Database): boolean {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get()
  if (!table) return false
  const row = sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }
  return row.n >= expectedMigrationCount()
}

let expected: number | undefined
function expectedMigrationCount(): number {
  if (expected === undefined) {
    // drizzle-kit's journal lists every migration it generated.
    const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
      entries: unknown[]
    }
    expected = journal.entries.length
  }
  return expected
}
