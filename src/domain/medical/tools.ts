import { z } from 'zod'
import { toE164Near } from '../../lib/phone.js'
import { localDate } from '../../lib/timezone.js'
import { findDependent, listDependentRows } from '../dependents/service.js'
import { DomainError } from '../errors.js'
import { listMedications } from '../medications/service.js'
import { allergyConflict } from '../safety/allergy.js'
import { defineTool } from '../tools.js'
import { ageMonths, immunizationDueList, type ShotLine } from './immunization-schedule.js'
import {
  addAllergy,
  addCondition,
  addProvider,
  listProviders,
  logImmunization,
  logVisit,
  medicalRecord,
} from './service.js'

const dependent = z.string().min(1).describe('The dependent’s id, name or nickname')

export const addAllergyTool = defineTool({
  name: 'add_allergy',
  description: 'Record an allergy: what they react to, the reaction, how severe.',
  input: z.object({
    dependent,
    substance: z.string().trim().min(1).max(80),
    reaction: z.string().trim().max(200).optional(),
    severity: z.enum(['mild', 'moderate', 'severe']).optional(),
  }),
  permission: 'medical:write',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => {
    const d = await findDependent(tx, actor, input.dependent)
    const allergy = await addAllergy(tx, actor, clock.now(), { ...input, dependentId: d.id })
    // Plans already running that it rules out: said now, not at the next dose (docs/decisions/0036).
    const plans = await listMedications(tx, actor, d.id)
    const rulesOut = plans.filter((m) => allergyConflict(m.drugKey || m.name, [allergy])).map((m) => m.name)
    return { ...allergy, rulesOut }
  },
})

export const addConditionTool = defineTool({
  name: 'add_condition',
  description: 'Record a medical condition (asthma, diabetes, a heart condition…).',
  input: z.object({ dependent, name: z.string().trim().min(1).max(80), note: z.string().trim().max(200).optional() }),
  permission: 'medical:write',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => {
    const d = await findDependent(tx, actor, input.dependent)
    return addCondition(tx, actor, clock.now(), { ...input, dependentId: d.id })
  },
})

export const addProviderTool = defineTool({
  name: 'add_provider',
  description: 'Record a clinician or pharmacy with a phone number, e.g. the pediatrician.',
  input: z.object({
    name: z.string().trim().min(1).max(80),
    role: z.enum(['pediatrician', 'gp', 'specialist', 'dentist', 'pharmacy', 'other']),
    phone: z.string().trim().optional(),
    dependent: dependent.optional(),
  }),
  permission: 'providers:write',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => {
    const d = input.dependent ? await findDependent(tx, actor, input.dependent) : undefined
    // A local number ("(555) 010-0199") is read in the country of the sender's own number.
    const phone = input.phone ? toE164Near(input.phone, actor.address) : undefined
    if (input.phone && !phone)
      throw new DomainError('invalid_input', 'provider phone', `I couldn't read "${input.phone}" as a phone number.`)
    return addProvider(tx, actor, clock.now(), { name: input.name, role: input.role, phone, dependentId: d?.id })
  },
})

export const logVisitTool = defineTool({
  name: 'log_visit',
  description: 'Record a visit to a clinician with its reason and notes.',
  input: z.object({
    dependent,
    at: z.coerce.date().optional(),
    reason: z.string().trim().max(200).optional(),
    notes: z.string().trim().max(2000).optional(),
  }),
  permission: 'medical:write',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => {
    const d = await findDependent(tx, actor, input.dependent)
    return logVisit(tx, actor, clock.now(), { ...input, dependentId: d.id, at: input.at ?? clock.now() })
  },
})

export const logImmunizationTool = defineTool({
  name: 'log_immunization',
  description: 'Record a vaccine given, with the date.',
  input: z.object({
    dependent,
    vaccine: z.string().trim().min(1).max(60),
    givenOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
    dose: z.string().trim().max(20).optional(),
  }),
  permission: 'medical:write',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => {
    const d = await findDependent(tx, actor, input.dependent)
    return logImmunization(tx, actor, clock.now(), { ...input, dependentId: d.id })
  },
})

export const medicalRecordTool = defineTool({
  name: 'medical_record',
  description: 'A dependent’s allergies, conditions, immunizations and visits ("what is Maya allergic to?").',
  input: z.object({ dependent }),
  permission: 'medical:read',
  readOnly: true,
  run: async ({ tx, actor, clock }, input) => {
    const d = await findDependent(tx, actor, input.dependent)
    return { dependent: d.name, ...(await medicalRecord(tx, actor, clock.now(), d.id)) }
  },
})

export const listProvidersTool = defineTool({
  name: 'list_providers',
  description: 'The family’s clinicians and pharmacies with their numbers.',
  input: z.object({ dependent: dependent.optional() }),
  permission: 'medical:read',
  readOnly: true,
  run: async ({ tx, actor }, input) => {
    const d = input.dependent ? await findDependent(tx, actor, input.dependent) : undefined
    return listProviders(tx, actor, d?.id)
  },
})

/** The schedule ends with the 16-year MenACWY booster; older dependents have no due list. */
const CHILD_MONTHS = 18 * 12

export const immunizationsDueTool = defineTool({
  name: 'immunizations_due',
  description:
    'Which childhood vaccines (CDC schedule) a child has had, which are due or overdue, and which come next, from the birth date and the recorded immunizations. Without a dependent: every child with a birth date.',
  input: z.object({ dependent: dependent.optional() }),
  permission: 'medical:read',
  readOnly: true,
  run: async ({ tx, actor, clock }, input) => {
    const now = clock.now()
    const today = localDate(now, actor.timezone)
    const children = input.dependent
      ? [await findDependent(tx, actor, input.dependent)]
      : (await listDependentRows(tx, actor)).filter((d) => d.birthDate && ageMonths(d.birthDate, today) < CHILD_MONTHS)
    const out: { dependent: string; ageMonths?: number; shots: ShotLine[] }[] = []
    for (const d of children) {
      if (!d.birthDate) {
        out.push({ dependent: d.name, shots: [] })
        continue
      }
      // Read through the medical record, so the read is audited like any other.
      const record = await medicalRecord(tx, actor, now, d.id)
      out.push({
        dependent: d.name,
        ageMonths: ageMonths(d.birthDate, today),
        shots: immunizationDueList(d.birthDate, today, record.immunizations),
      })
    }
    return out
  },
})

export const medicalTools = [
  immunizationsDueTool,
  addAllergyTool,
  addConditionTool,
  addProviderTool,
  logVisitTool,
  logImmunizationTool,
  medicalRecordTool,
  listProvidersTool,
]
