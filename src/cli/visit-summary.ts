import { writeFileSync } from 'node:fs'
import { Command } from 'commander'
import { findDependent } from '../domain/dependents/service.js'
import { findFamily, ownerActor } from '../domain/families/queries.js'
import { visitSummary } from '../domain/reports/service.js'
import { renderVisitSummaryPdf } from '../domain/reports/visit-pdf.js'
import { type CliContext, withDb } from './context.js'

interface Options {
  family: string
  dependent: string
  out: string
}

/**
 * `mednanny visit-summary --family F --dependent Maya --out maya.pdf`: the same one-page PDF as
 * "visit summary for Maya" by chat, read as the family's owner (the read of the medical record is
 * audited under the owner), drawn after the transaction.
 */
export function visitSummaryCommand(ctx: CliContext): Command {
  return new Command('visit-summary')
    .description("write a dependent's one-page visit summary (PDF) for the pediatrician")
    .requiredOption('--family <id-or-name>', "the family's id or exact name")
    .requiredOption('--dependent <name>', "the dependent's name, nickname or id")
    .requiredOption('--out <file>', 'where to write the PDF')
    .action(async (opts: Options, cmd: Command) => {
      const snapshot = await withDb(ctx, cmd, (db) =>
        db.transaction(async (tx) => {
          const family = await findFamily(tx, opts.family)
          const actor = await ownerActor(tx, family.id)
          const dependent = await findDependent(tx, actor, opts.dependent)
          return visitSummary(tx, actor, ctx.clock.now(), dependent)
        }),
      )
      const pdf = await renderVisitSummaryPdf(snapshot)
      writeFileSync(opts.out, pdf)
      ctx.stdout.write(`Wrote the visit summary for ${snapshot.dependent.name} to ${opts.out} (${pdf.length} bytes)\n`)
    })
}
