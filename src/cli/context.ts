import type { Command } from 'commander'
import { loadConfig } from '../config.js'
import { type Db, openDatabase } from '../db/client.js'
import type { Clock } from '../lib/clock.js'

/** Where the CLI writes; `process.stdout` in the real command, a buffer in tests. */
export interface Output {
  write(chunk: string): unknown
}

/** Everything a command needs from outside: no command reads `process` itself. */
export interface CliContext {
  env: Record<string, string | undefined>
  stdout: Output
  stderr: Output
  clock: Clock
}

/** A mistake in what was typed: shown as one line, exit 1. */
export class CliError extends Error {
  override name = 'CliError'
}

/**
 * Opens the database (migrating it, like the server does), runs `fn`, and closes it. The file may be in
 * use by a running server: SQLite's WAL and the busy timeout set in `openDatabase` make that safe.
 */
export async function withDb<T>(ctx: CliContext, cmd: Command, fn: (db: Db) => Promise<T>): Promise<T> {
  // The key must match the file's (FieldKeyError otherwise), exactly as for the server.
  const db = openDatabase(databasePath(ctx, cmd), { fieldKey: ctx.env.DATA_ENCRYPTION_KEY?.trim() || undefined })
  try {
    return await fn(db)
  } finally {
    db.close()
  }
}

/** `--db FILE` wins over DATABASE_PATH (and its default); the environment is parsed only when needed. */
function databasePath(ctx: CliContext, cmd: Command): string {
  const { db } = cmd.optsWithGlobals<{ db?: string }>()
  return db ?? loadConfig(ctx.env).databasePath
}

export function writeJson(out: Output, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`)
}
