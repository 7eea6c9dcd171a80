import { existsSync, renameSync, rmSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { Command } from 'commander'
import { type CliContext, CliError, withDb } from './context.js'

/**
 * `mednanny backup --to FILE`: SQLite's online backup API, page by page from a live connection, so the
 * copy is consistent even while the server writes (a plain file copy could miss the WAL or tear a page).
 * It goes to a temporary name first and is renamed into place, so FILE is never a half-written backup.
 */
export function backupCommand(ctx: CliContext): Command {
  return new Command('backup')
    .description('copy the database to FILE, safely while the server runs')
    .requiredOption('--to <file>', 'where to write the backup')
    .option('--force', 'overwrite FILE if it exists')
    .action(async (opts: { to: string; force?: boolean }, cmd: Command) => {
      const to = resolve(opts.to)
      if (existsSync(to) && !opts.force) throw new CliError(`${to} already exists; pass --force to overwrite it`)
      const partial = `${to}.partial-${process.pid}`
      await withDb(ctx, cmd, async (db) => {
        if (resolve(db.path) === to) throw new CliError(`--to is the database itself (${to})`)
        try {
          await db.backup(partial)
          renameSync(partial, to)
        } finally {
          rmSync(partial, { force: true })
        }
      })
      ctx.stdout.write(`Backed up to ${to} (${statSync(to).size} bytes)\n`)
    })
}
