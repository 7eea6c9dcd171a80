import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Command } from 'commander'
import { importFamily } from '../domain/export/import.js'
import { type CliContext, CliError, withDb } from './context.js'

interface ImportOptions {
  family: string
  file: string
}

/**
 * `mednanny import`: a family's record as `export --format json` wrote it, onto this server. The family
 * must not be here yet; the whole file is checked before one row is written, and a bad file writes none.
 */
export function importCommand(ctx: CliContext): Command {
  return new Command('import')
    .description('add a family from a file written by `export --format json`')
    .requiredOption('--family <id-or-name>', "the family's id or exact name, as in the file")
    .requiredOption('--file <file>', 'the JSON file export wrote')
    .action(async (opts: ImportOptions, cmd: Command) => {
      const file = readRecord(resolve(opts.file))
      const result = await withDb(ctx, cmd, (db) =>
        db.transaction((tx) => importFamily(tx, ctx.clock.now(), file, opts.family)),
      )
      const c = result.counts
      const logged = ['feeds', 'sleeps', 'diapers', 'temperatures', 'growth', 'care_notes'].reduce(
        (n, t) => n + (c[t] ?? 0),
        0,
      )
      ctx.stdout.write(
        `Imported ${result.familyName} (${result.familyId}): ${c.members} members, ${c.dependents} dependents, ` +
          `${logged} care-log entries, ${c.medications} medications, ${c.doses} doses, ${c.audit_log} audit entries\n`,
      )
    })
}

function readRecord(path: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new CliError(code === 'ENOENT' ? `${path} does not exist` : `cannot read ${path} (${code ?? 'error'})`)
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new CliError(`${path} is not JSON; pass the file \`export --format json\` wrote`)
  }
}
