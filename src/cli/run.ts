import { Command, CommanderError } from 'commander'
import { ConfigError } from '../config.js'
import { isDomainError } from '../domain/errors.js'
import { type Clock, systemClock } from '../lib/clock.js'
import { backupCommand } from './backup.js'
import { type CliContext, CliError, type Output } from './context.js'
import { demoCommand } from './demo.js'
import { dependentCommand } from './dependent.js'
import { exportCommand } from './export.js'
import { familyCommand } from './family.js'
import { importCommand } from './import.js'
import { memberCommand } from './member.js'
import { nannyCommand } from './nanny.js'
import { medicalCommand, medicationCommand } from './record.js'
import { slackCommand } from './slack.js'
import { sosCommand } from './sos.js'
import { visitSummaryCommand } from './visit-summary.js'

export interface RunOptions {
  /** The environment; DATABASE_PATH (through loadConfig) and DEBUG are read from it. */
  env: Record<string, string | undefined>
  stdout: Output
  stderr: Output
  /** Tests pass a ManualClock; the real command uses the system clock. */
  clock?: Clock
}

/**
 * Runs `mednanny <argv>` and resolves to the exit code. Never throws and never exits the process, so
 * tests call it in-process; `main.ts` sets `process.exitCode` from it. Every error is one line on stderr.
 */
export async function runCli(argv: string[], opts: RunOptions): Promise<number> {
  const ctx: CliContext = { env: opts.env, stdout: opts.stdout, stderr: opts.stderr, clock: opts.clock ?? systemClock }
  const program = new Command('mednanny')
    .description('MedNanny administration: families, members, backups and exports')
    .option('--db <file>', 'SQLite database file (default: DATABASE_PATH, else ./data/mednanny.db)')
    // These settings reach every subcommand through `inherit` below.
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
      // commander's "error: unknown option '--nme'\n(Did you mean --name?)" becomes one line.
      outputError: (s, write) => write(errorLine(s.replace(/^error:\s*/, ''))),
    })
  for (const make of [
    familyCommand,
    memberCommand,
    dependentCommand,
    demoCommand,
    backupCommand,
    exportCommand,
    importCommand,
    medicationCommand,
    medicalCommand,
    sosCommand,
    nannyCommand,
    slackCommand,
    visitSummaryCommand,
  ]) {
    program.addCommand(inherit(make(ctx), program))
  }
  try {
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (err) {
    // commander has already printed its own message (or the help); it knows the exit code.
    if (err instanceof CommanderError) return err.exitCode
    ctx.stderr.write(errorLine(describe(err)))
    if (opts.env.DEBUG && err instanceof Error && err.stack) ctx.stderr.write(`${err.stack}\n`)
    return 1
  }
}

/** What the person at the terminal needs to read: the safe wording of a domain error, or the message. */
function describe(err: unknown): string {
  if (isDomainError(err)) return err.userMessage ?? err.message
  if (err instanceof CliError || err instanceof ConfigError) return err.message
  if (err instanceof Error) return err.message
  return String(err)
}

function errorLine(message: string): string {
  return `mednanny: ${message.replace(/\s*\n\s*/g, ' ').trim()}\n`
}

/**
 * Commands built with `new Command()` don't inherit the program's settings (only `.command()` children
 * do), so copy exit handling and output to the group and to each of its subcommands.
 */
function inherit(cmd: Command, from: Command): Command {
  cmd.copyInheritedSettings(from)
  for (const sub of cmd.commands) inherit(sub, cmd)
  return cmd
}
