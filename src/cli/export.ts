import { existsSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Command, Option } from 'commander'
import { recordAudit } from '../domain/audit/service.js'
import { exportFamily } from '../domain/export/service.js'
import { EXPORT_TABLES, type ExportTableName, exportTables } from '../domain/export/tables.js'
import { findFamily } from '../domain/families/queries.js'
import { type CliContext, CliError, withDb } from './context.js'
import { csvSections, csvTable } from './csv.js'

interface ExportOptions {
  family: string
  format: 'json' | 'csv'
  table?: ExportTableName
  out?: string
  force?: boolean
}

/**
 * `mednanny export`: a family's record (family, members with their channels, dependents, invitations,
 * audit log). JSON is one object, the form `import` will read. CSV is one section per table, or one
 * table with `--table` (docs/decisions/0008-cli-export-format.md).
 */
export function exportCommand(ctx: CliContext): Command {
  return new Command('export')
    .description("write a family's record as JSON or CSV")
    .requiredOption('--family <id-or-name>', "the family's id or exact name")
    .addOption(new Option('--format <format>', 'json or csv').choices(['json', 'csv']).makeOptionMandatory())
    .addOption(new Option('--table <table>', 'csv: only this table, as a plain CSV file').choices(EXPORT_TABLES))
    .option('--out <file>', 'write to FILE instead of stdout')
    .option('--force', 'overwrite --out FILE if it exists')
    .action(async (opts: ExportOptions, cmd: Command) => {
      if (opts.table && opts.format !== 'csv') throw new CliError('--table goes with --format csv')
      const out = opts.out === undefined ? undefined : resolve(opts.out)
      if (out && !opts.force && existsSync(out))
        throw new CliError(`${out} already exists; pass --force to overwrite it`)
      const record = await withDb(ctx, cmd, (db) =>
        db.transaction(async (tx) => {
          const now = ctx.clock.now()
          const family = await findFamily(tx, opts.family)
          const record = await exportFamily(tx, now, family.id)
          // Who read the whole record, and when: the operator at the command line, not a member.
          await recordAudit(tx, now, {
            familyId: family.id,
            action: 'family.export',
            subjectType: 'family',
            subjectId: family.id,
            detail: { format: opts.format, via: 'cli' },
          })
          return record
        }),
      )
      const text = render(record, opts)
      if (!out) {
        ctx.stdout.write(text)
        return
      }
      try {
        writeFileSync(out, text, { flag: opts.force ? 'w' : 'wx' })
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new CliError(`${out} already exists; pass --force to overwrite it`)
        }
        throw err
      }
      ctx.stdout.write(`Exported ${record.family.name} to ${out} (${Buffer.byteLength(text)} bytes)\n`)
    })
}

function render(record: Awaited<ReturnType<typeof exportFamily>>, opts: ExportOptions): string {
  if (opts.format === 'json') return `${JSON.stringify(record, null, 2)}\n`
  const tables = exportTables(record)
  if (!opts.table) return csvSections(tables)
  const one = tables.find((t) => t.name === opts.table)
  if (!one) throw new CliError(`no table ${opts.table}`)
  return csvTable(one)
}
