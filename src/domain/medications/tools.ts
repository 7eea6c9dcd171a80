import { z } from 'zod'
import { findDependent } from '../dependents/service.js'
import { DomainError } from '../errors.js'
import { findMemberByName } from '../families/queries.js'
import { defineTool, type ToolContext } from '../tools.js'
import { checkLoggedDose, planAllergyWarning } from './allergy.js'
import { drugKey } from './drugs.js'
import { AddMedicationInput, AdherenceInput, DrugQuestionInput, LogDoseInput, SlotDosesInput } from './input.js'
import {
  addMedication,
  adherenceToday,
  daysOfSupply,
  lastDose,
  listMedications,
  logDose,
  logSlotDoses,
  recordRefill,
  stopMedication,
} from './service.js'

export const addMedicationTool = defineTool({
  name: 'add_medication',
  description: 'Add a medication plan: drug, strength, dose, schedule, supply on hand and refills.',
  input: AddMedicationInput,
  permission: 'medications:write',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => {
    const d = await findDependent(tx, actor, input.dependent)
    // Dose reminders go to this member (docs/decisions/0019): a name, resolved in the actor's family only.
    const responsible = input.responsible ? await findMemberByName(tx, actor, input.responsible) : undefined
    const medication = await addMedication(tx, actor, clock.now(), {
      ...input,
      dependentId: d.id,
      responsibleMemberId: responsible?.id,
    })
    // Added all the same (a doctor may have prescribed it knowing), but never silently.
    return { ...medication, allergyWarning: await planAllergyWarning(tx, actor, d, input.name) }
  },
})

export const logDoseTool = defineTool({
  name: 'log_dose',
  description: 'Record a dose given to (or taken by) a dependent: drug as typed, amount, when.',
  input: LogDoseInput,
  permission: 'doses:write',
  readOnly: false,
  run: async ({ tx, actor, clock, gateFindings }, input) => {
    const d = await findDependent(tx, actor, input.dependent)
    const dose = await logDose(tx, actor, clock.now(), {
      dependentId: d.id,
      drugName: input.drug,
      drugKey: input.key,
      amount: input.amount,
      unit: input.unit,
      at: input.at ?? clock.now(),
    })
    const allergy = await checkLoggedDose(tx, actor, clock.now(), dose, d, gateFindings)
    return { dose, dependent: d.name, allergyWarning: allergy?.warning, parentsTold: allergy?.told }
  },
})

export const logSlotDosesTool = defineTool({
  name: 'log_slot_doses',
  description: 'Record that the morning, midday or evening doses of every scheduled medication were taken.',
  input: SlotDosesInput,
  permission: 'doses:write',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => {
    const d = await findDependent(tx, actor, input.dependent)
    const logged = await logSlotDoses(tx, actor, clock.now(), {
      dependentId: d.id,
      slot: input.slot,
      at: input.at ?? clock.now(),
    })
    // "Morning meds" names no drug for the gate to read: each dose is checked against her allergies here.
    const allergyWarnings: string[] = []
    let parentsTold = 0
    for (const dose of logged) {
      const allergy = await checkLoggedDose(tx, actor, clock.now(), dose, d)
      if (!allergy) continue
      allergyWarnings.push(allergy.warning)
      parentsTold = allergy.told
    }
    return { dependent: d.name, slot: input.slot, logged: logged.map((x) => x.drugName), allergyWarnings, parentsTold }
  },
})

export const lastDoseTool = defineTool({
  name: 'last_dose',
  description: 'When a dependent last had a drug (any brand of it), given by anyone in the family.',
  input: DrugQuestionInput,
  permission: 'medications:read',
  readOnly: true,
  run: async ({ tx, actor }, input) => {
    const d = await findDependent(tx, actor, input.dependent)
    return { dependent: d.name, drug: drugKey(input.drug), dose: await lastDose(tx, actor, d.id, input.drug) }
  },
})

export const adherenceTool = defineTool({
  name: 'adherence_today',
  description: 'Today’s scheduled doses and whether each was taken ("have I taken my morning meds?").',
  input: AdherenceInput,
  permission: 'medications:read',
  readOnly: true,
  run: async ({ tx, actor, clock }, input) => {
    const d = await findDependent(tx, actor, input.dependent)
    return { dependent: d.name, doses: await adherenceToday(tx, actor, clock.now(), d.id, input.slot) }
  },
})

export const refillDaysTool = defineTool({
  name: 'refill_days',
  description: 'How many days the supply of a medication lasts at its schedule, and refills left.',
  input: DrugQuestionInput,
  permission: 'medications:read',
  readOnly: true,
  run: async ({ tx, actor }, input) => {
    const d = await findDependent(tx, actor, input.dependent)
    const m = (await listMedications(tx, actor, d.id)).find((x) => x.drugKey === drugKey(input.drug))
    if (!m) throw new DomainError('not_found', 'no regimen', `${d.name} has no ${input.drug} on record.`)
    return { dependent: d.name, medication: m.name, days: daysOfSupply(m), refillsLeft: m.refillsLeft }
  },
})

export const doseInfoTool = defineTool({
  name: 'dose_info',
  description: 'The prescribed dose and schedule of a medication on record.',
  input: DrugQuestionInput,
  permission: 'medications:read',
  readOnly: true,
  run: async ({ tx, actor }, input) => {
    const d = await findDependent(tx, actor, input.dependent)
    const m = (await listMedications(tx, actor, d.id)).find((x) => x.drugKey === drugKey(input.drug))
    if (!m) throw new DomainError('not_found', 'no regimen', `${d.name} has no ${input.drug} on record.`)
    return {
      dependent: d.name,
      medication: m.name,
      strength: m.strength,
      doseAmount: m.doseAmount,
      doseUnit: m.doseUnit,
      schedule: m.schedule,
    }
  },
})

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')

/** The active regimen of a drug (any brand of it) for a dependent. */
async function regimenOf(ctx: ToolContext, dependent: string, drug: string) {
  const d = await findDependent(ctx.tx, ctx.actor, dependent)
  const m = (await listMedications(ctx.tx, ctx.actor, d.id)).find((x) => x.drugKey === drugKey(drug))
  if (!m) throw new DomainError('not_found', 'no regimen', `${d.name} has no ${drug} on record.`)
  return { d, m }
}

export const stopMedicationTool = defineTool({
  name: 'stop_medication',
  description:
    'Stop a medication plan: now (removes it and cancels its dose and refill reminders), or after an end date.',
  input: z.object({
    dependent: z.string().min(1),
    drug: z.string().trim().min(1).max(80),
    endDate: isoDate.optional().describe('Last day of the plan, YYYY-MM-DD; omit to stop now'),
  }),
  permission: 'medications:write',
  readOnly: false,
  run: async (ctx, input) => {
    const { d, m } = await regimenOf(ctx, input.dependent, input.drug)
    const stopped = await stopMedication(ctx.tx, ctx.actor, ctx.clock.now(), {
      medicationId: m.id,
      endDate: input.endDate,
    })
    return {
      dependent: d.name,
      medication: stopped.name,
      endDate: stopped.endDate,
      removed: Boolean(stopped.deletedAt),
    }
  },
})

export const recordRefillTool = defineTool({
  name: 'record_refill',
  description: 'Record a refill picked up: adds the quantity (tablets, ml…) to the supply on hand and uses one refill.',
  input: z.object({
    dependent: z.string().min(1),
    drug: z.string().trim().min(1).max(80),
    quantity: z.number().positive().max(10_000).describe('In dose units (tablets, ml…)'),
  }),
  permission: 'doses:write',
  readOnly: false,
  run: async (ctx, input) => {
    const { d, m } = await regimenOf(ctx, input.dependent, input.drug)
    const after = await recordRefill(ctx.tx, ctx.actor, ctx.clock.now(), {
      medicationId: m.id,
      quantity: input.quantity,
    })
    return { dependent: d.name, medication: after.name, days: daysOfSupply(after), refillsLeft: after.refillsLeft }
  },
})

export const medicationTools = [
  stopMedicationTool,
  recordRefillTool,
  addMedicationTool,
  logDoseTool,
  logSlotDosesTool,
  lastDoseTool,
  adherenceTool,
  refillDaysTool,
  doseInfoTool,
]
