import { Command, Option } from 'commander'
import type { z } from 'zod'
import { findFamily, ownerActor } from '../domain/families/queries.js'
import {
  addAllergyTool,
  addConditionTool,
  addProviderTool,
  logImmunizationTool,
  logVisitTool,
  medicalRecordTool,
} from '../domain/medical/tools.js'
import { addMedicationTool } from '../domain/medications/tools.js'
import { runTool, type Tool } from '../domain/tools.js'
import { type CliContext, CliError, withDb, writeJson } from './context.js'

/**
 * `mednanny medication …` and `mednanny medical …`: the parts of the record a parent sets up once
 * (regimens, allergies, conditions, providers, visits, shots). Each command runs the same tool the chat
 * and the agent use, as the family's owner, so validation, permissions and the audit log are the same.
 */
export async function asOwner<I extends z.ZodType, O>(
  ctx: CliContext,
  cmd: Command,
  family: string,
  tool: Tool<I, O>,
  input: unknown,
): Promise<O> {
  return await withDb(ctx, cmd, (db) =>
    db.transaction(async (tx) => {
      const f = await findFamily(tx, family)
      const actor = await ownerActor(tx, f.id)
      return await runTool(tool, { tx, actor, clock: ctx.clock }, input)
    }),
  )
}

const familyOption = ['--family <id-or-name>', "the family's id or exact name"] as const
const forOption = ['--for <name>', 'whose record: a dependent’s name or nickname'] as const

function number(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const n = Number(text)
  if (!Number.isFinite(n) || n < 0) throw new CliError(`${flag}: expected a number, got "${text}"`)
  return n
}

interface MedicationOptions {
  family: string
  for: string
  name: string
  strength?: string
  form?: string
  dose?: string
  unit?: string
  times?: string
  every?: string
  asNeeded?: boolean
  quantity?: string
  refills?: string
  prescriber?: string
  pharmacy?: string
  responsible?: string
  start?: string
  end?: string
}

/** `--times 08:00,20:00`, `--every 6 [--as-needed]` or `--as-needed`: exactly one schedule. */
function schedule(o: MedicationOptions) {
  if (o.times && o.every) throw new CliError('give --times or --every, not both')
  if (o.times) return { kind: 'times', times: o.times.split(',').map((t) => t.trim().padStart(5, '0')) }
  if (o.every) return { kind: 'interval', hours: number('--every', o.every), asNeeded: Boolean(o.asNeeded) }
  if (o.asNeeded) return { kind: 'as_needed' }
  throw new CliError('a schedule is needed: --times 08:00,20:00, --every HOURS or --as-needed')
}

export function medicationCommand(ctx: CliContext): Command {
  const medication = new Command('medication').description('medication plans (regimens)')
  medication
    .command('add')
    .description('add a medication plan for a dependent')
    .requiredOption(...familyOption)
    .requiredOption(...forOption)
    .requiredOption('--name <drug>', 'as on the label, e.g. Metformin')
    .option('--strength <strength>', 'e.g. "500 mg" or "160 mg/5 mL"')
    .option('--form <form>', 'tablet, liquid, inhaler…')
    .option('--dose <amount>', 'how much per dose, in --unit')
    .addOption(
      new Option('--unit <unit>', 'the dose unit').choices(['mg', 'ml', 'tablet', 'capsule', 'puff', 'drop', 'unit']),
    )
    .option('--times <HH:MM,…>', 'fixed local times, e.g. 08:00,20:00')
    .option('--every <hours>', 'every N hours')
    .option('--as-needed', 'only as needed (with --every: at most every N hours)')
    .option('--quantity <n>', 'on hand, in dose units: days of supply are derived from it')
    .option('--refills <n>', 'refills left')
    .option(
      '--responsible <member>',
      'who gives it (gets the dose reminders), e.g. Maria; default: the person themself or the parents',
    )
    .option('--prescriber <name>')
    .option('--pharmacy <name>')
    .option('--start <YYYY-MM-DD>')
    .option('--end <YYYY-MM-DD>')
    .action(async (o: MedicationOptions, cmd: Command) => {
      const added = await asOwner(ctx, cmd, o.family, addMedicationTool, {
        dependent: o.for,
        name: o.name,
        strength: o.strength,
        form: o.form,
        doseAmount: number('--dose', o.dose),
        doseUnit: o.unit,
        schedule: schedule(o),
        quantityOnHand: number('--quantity', o.quantity),
        refillsLeft: number('--refills', o.refills),
        prescriber: o.prescriber,
        pharmacy: o.pharmacy,
        responsible: o.responsible,
        startDate: o.start,
        endDate: o.end,
      })
      ctx.stdout.write(`Added ${added.name} for ${o.for} (${added.id})\n`)
      if (added.allergyWarning) ctx.stdout.write(`${added.allergyWarning}\n`)
    })
  return medication
}

export function medicalCommand(ctx: CliContext): Command {
  const medical = new Command('medical').description(
    'the medical record: allergies, conditions, providers, visits, shots',
  )
  const add = medical.command('add').description('add to the medical record')
  add
    .command('allergy')
    .requiredOption(...familyOption)
    .requiredOption(...forOption)
    .requiredOption('--substance <what>', 'e.g. penicillin, peanuts')
    .option('--reaction <reaction>')
    .addOption(new Option('--severity <severity>').choices(['mild', 'moderate', 'severe']))
    .action(
      async (o: { family: string; for: string; substance: string; reaction?: string; severity?: string }, cmd) => {
        const { family, for: dependent, ...rest } = o
        const row = await asOwner(ctx, cmd, family, addAllergyTool, { dependent, ...rest })
        ctx.stdout.write(`Added allergy to ${row.substance} for ${dependent} (${row.id})\n`)
      },
    )
  add
    .command('condition')
    .requiredOption(...familyOption)
    .requiredOption(...forOption)
    .requiredOption('--name <condition>', 'e.g. asthma')
    .option('--note <note>', 'e.g. "since 2024"; sealed at rest when DATA_ENCRYPTION_KEY is set')
    .action(async (o: { family: string; for: string; name: string; note?: string }, cmd) => {
      const { family, for: dependent, ...rest } = o
      const row = await asOwner(ctx, cmd, family, addConditionTool, { dependent, ...rest })
      ctx.stdout.write(`Added ${row.name} for ${dependent} (${row.id})\n`)
    })
  add
    .command('provider')
    .requiredOption(...familyOption)
    .requiredOption('--name <name>', 'e.g. "Dr. Rivera"')
    .addOption(
      new Option('--role <role>')
        .choices(['pediatrician', 'gp', 'specialist', 'dentist', 'pharmacy', 'other'])
        .makeOptionMandatory(),
    )
    .option('--phone <phone>', 'their number; urgent fever replies give the pediatrician’s')
    .option('--for <name>', 'only this dependent’s provider (default: the whole family’s)')
    .action(async (o: { family: string; for?: string; name: string; role: string; phone?: string }, cmd) => {
      const { family, for: dependent, ...rest } = o
      const row = await asOwner(ctx, cmd, family, addProviderTool, { dependent, ...rest })
      ctx.stdout.write(`Added ${row.name}, ${row.role} (${row.id})\n`)
    })
  add
    .command('visit')
    .requiredOption(...familyOption)
    .requiredOption(...forOption)
    .option('--at <ISO time>', 'when, e.g. 2026-11-20T10:00-05:00 (default: now)')
    .option('--reason <reason>')
    .option('--notes <notes>', 'sealed at rest when DATA_ENCRYPTION_KEY is set')
    .action(async (o: { family: string; for: string; at?: string; reason?: string; notes?: string }, cmd) => {
      const { family, for: dependent, ...rest } = o
      const row = await asOwner(ctx, cmd, family, logVisitTool, { dependent, ...rest })
      ctx.stdout.write(`Added a visit for ${dependent} (${row.id})\n`)
    })
  add
    .command('immunization')
    .requiredOption(...familyOption)
    .requiredOption(...forOption)
    .requiredOption('--vaccine <name>', 'CDC abbreviation when known: DTaP, MMR…')
    .requiredOption('--date <YYYY-MM-DD>', 'the day it was given')
    .option('--dose <dose>', 'e.g. "2 of 5"')
    .action(async (o: { family: string; for: string; vaccine: string; date: string; dose?: string }, cmd) => {
      const row = await asOwner(ctx, cmd, o.family, logImmunizationTool, {
        dependent: o.for,
        vaccine: o.vaccine,
        givenOn: o.date,
        dose: o.dose,
      })
      ctx.stdout.write(`Added ${row.vaccine} on ${row.givenOn} for ${o.for} (${row.id})\n`)
    })
  medical
    .command('show')
    .description('print a dependent’s medical record as JSON (the read is audited)')
    .requiredOption(...familyOption)
    .requiredOption(...forOption)
    .action(async (o: { family: string; for: string }, cmd) => {
      writeJson(ctx.stdout, await asOwner(ctx, cmd, o.family, medicalRecordTool, { dependent: o.for }))
    })
  return medical
}
