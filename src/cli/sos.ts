import { Command } from 'commander'
import { setSosPolicyTool, sosPolicyTool } from '../domain/sos/tools.js'
import { type CliContext, CliError } from './context.js'
import { asOwner } from './record.js'

/** `mednanny sos policy`: shows or sets how a family's SOS escalates (docs/decisions/0021-sos.md). */
export function sosCommand(ctx: CliContext): Command {
  const sos = new Command('sos').description('SOS escalation settings')
  sos
    .command('policy')
    .description('show, or set with --every/--rounds, how an SOS escalates')
    .requiredOption('--family <id-or-name>', "the family's id or exact name")
    .option('--every <minutes>', 'minutes between alert rounds while nobody answers (1–30)')
    .option('--rounds <n>', 'rounds before the whole family is alerted (1–10)')
    .action(async (o: { family: string; every?: string; rounds?: string }, cmd: Command) => {
      const int = (flag: string, v?: string) => {
        if (v === undefined) return undefined
        if (!/^\d+$/.test(v)) throw new CliError(`${flag}: expected a whole number, got "${v}"`)
        return Number(v)
      }
      const input = { intervalMinutes: int('--every', o.every), roundsPerTier: int('--rounds', o.rounds) }
      const set = input.intervalMinutes !== undefined || input.roundsPerTier !== undefined
      const p = set
        ? await asOwner(ctx, cmd, o.family, setSosPolicyTool, input)
        : await asOwner(ctx, cmd, o.family, sosPolicyTool, {})
      ctx.stdout.write(
        `SOS: a round every ${p.intervalMinutes} min; the whole family after ${p.roundsPerTier} rounds\n`,
      )
    })
  return sos
}
