import { Command } from 'commander'
import { addDependent } from '../domain/dependents/service.js'
import { findFamily, findMemberByName, ownerActor } from '../domain/families/queries.js'
import { type CliContext, CliError, withDb, writeJson } from './context.js'
import { nameOption } from './input.js'

interface AddOptions {
  family: string
  name: string
  birthDate: string
  weightKg?: string
  sex?: string
  member?: string
  json?: boolean
}

/** `mednanny dependent add`: a child, or a member (grandpa) who is also cared for. */
export function dependentCommand(ctx: CliContext): Command {
  const dependent = new Command('dependent').description('the people a family cares for')

  dependent
    .command('add')
    .description('add a child, or make a member (e.g. grandpa) also a dependent')
    .requiredOption('--family <id-or-name>', "the family's id or exact name")
    .requiredOption('--name <name>', 'first name, e.g. Maya')
    .requiredOption('--birth-date <YYYY-MM-DD>', 'birth date; age is always derived from it')
    .option('--weight-kg <kg>', 'current weight, logged as the first growth entry')
    .option('--sex <sex>', 'female, male or other')
    .option('--member <name>', 'the member this dependent is (their own pills, their own record)')
    .option('--json', 'print the dependent as JSON')
    .action(async (opts: AddOptions, cmd: Command) => {
      const name = nameOption('--name', opts.name, 'person')
      const birthDate = dateOption(opts.birthDate)
      const weightKg = opts.weightKg === undefined ? undefined : numberOption('--weight-kg', opts.weightKg, 0.3, 400)
      const sex = opts.sex === undefined ? undefined : sexOption(opts.sex)
      const added = await withDb(ctx, cmd, (db) =>
        db.transaction(async (tx) => {
          const family = await findFamily(tx, opts.family)
          const actor = await ownerActor(tx, family.id)
          const memberId = opts.member ? (await findMemberByName(tx, actor, opts.member)).id : undefined
          const d = await addDependent(tx, actor, ctx.clock.now(), { name, birthDate, weightKg, sex, memberId })
          return { family, dependent: d }
        }),
      )
      const { family, dependent: d } = added
      if (opts.json) {
        writeJson(ctx.stdout, {
          id: d.id,
          familyId: family.id,
          name: d.name,
          birthDate: d.birthDate,
          memberId: d.memberId,
        })
        return
      }
      const extra = [
        weightKg === undefined ? '' : `, ${weightKg} kg`,
        d.memberId ? `, member ${opts.member}` : '',
      ].join('')
      ctx.stdout.write(`Added ${d.name} (born ${d.birthDate}${extra}) to ${family.name}: ${d.id}\n`)
    })

  return dependent
}

function dateOption(raw: string): string {
  const typed = raw.trim()
  if (!/^\d{4}-\d{2}-\d{2}$/.test(typed) || Number.isNaN(Date.parse(`${typed}T00:00:00Z`))) {
    throw new CliError(`--birth-date "${raw}" is not a date; use YYYY-MM-DD, e.g. 2026-09-20`)
  }
  return typed
}

function numberOption(option: string, raw: string, min: number, max: number): number {
  const n = Number(raw)
  if (!Number.isFinite(n) || n < min || n > max)
    throw new CliError(`${option} "${raw}" should be a number from ${min} to ${max}`)
  return n
}

function sexOption(raw: string): 'female' | 'male' | 'other' {
  const typed = raw.trim().toLowerCase()
  if (typed === 'female' || typed === 'male' || typed === 'other') return typed
  throw new CliError(`--sex "${raw}" should be female, male or other`)
}
