import { Command } from 'commander'
import { seedDemoFamily } from '../domain/record/demo.js'
import { type CliContext, withDb, writeJson } from './context.js'
import { timezoneOption } from './input.js'

/** `mednanny demo`: seeds the demo family, so a newcomer can try every feature at once. */
export function demoCommand(ctx: CliContext): Command {
  return new Command('demo')
    .description('add the demo family (two parents, a nanny, a baby, a preschooler, grandpa on two medicines)')
    .option('--timezone <zone>', 'the demo family’s time zone', 'America/New_York')
    .option('--json', 'print the family id and the phones as JSON')
    .action(async (opts: { timezone: string; json?: boolean }, cmd: Command) => {
      const timezone = timezoneOption(opts.timezone)
      const { family, phones } = await withDb(ctx, cmd, (db) =>
        db.transaction((tx) => seedDemoFamily(tx, ctx.clock.now(), timezone)),
      )
      if (opts.json) {
        writeJson(ctx.stdout, { id: family.id, phones })
        return
      }
      ctx.stdout.write(
        [
          `Added ${family.name} (${family.id}). Text as one of them in the dev console:`,
          `  Ana (owner) ${phones.ana}   Ben (parent) ${phones.ben}`,
          `  Maria (nanny) ${phones.maria}   Joe (grandpa) ${phones.joe}`,
          'Try: "summary", "fed 4oz at 3", "when did maya last eat?", "have I taken my morning meds?" (as Joe).',
          '',
        ].join('\n'),
      )
    })
}
