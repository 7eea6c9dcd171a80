import { bool, id, index, json, real, table, text, timestamp } from '../../db/columns.js'
import { dependents } from '../dependents/schema.js'
import { families, members } from '../families/schema.js'

/** When a regimen's doses are due: at fixed local times, every N hours, or only as needed. */
export type MedicationSchedule =
  | { kind: 'times' /** "08:00", "20:00" in the family's zone */; times: string[] }
  | { kind: 'interval'; hours: number; asNeeded: boolean }
  | { kind: 'as_needed' }

/** A medication someone takes on a plan: the drug, the dose, when, and how much is left. */
export const medications = table(
  'medications',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    dependentId: text('dependent_id')
      .notNull()
      .references(() => dependents.id),
    /** As the family writes it: "Metformin", "Infant Tylenol". */
    name: text('name').notNull(),
    /** The generic it is, lower case ("metformin", "acetaminophen"): what dose history is matched on. */
    drugKey: text('drug_key').notNull(),
    /** "500 mg", "160 mg/5 mL". */
    strength: text('strength'),
    form: text('form'),
    doseAmount: real('dose_amount'),
    /** mg, ml, tablet, capsule, puff, drop, unit. */
    doseUnit: text('dose_unit'),
    schedule: json<MedicationSchedule>('schedule').notNull(),
    startDate: text('start_date'),
    endDate: text('end_date'),
    prescriber: text('prescriber'),
    pharmacy: text('pharmacy'),
    /** In dose units (tablets, ml…); days of supply are derived from it and the schedule. */
    quantityOnHand: real('quantity_on_hand'),
    refillsLeft: real('refills_left'),
    /** Who gives it, when not the dependent themself (a parent, a caregiver). */
    responsibleMemberId: text('responsible_member_id').references(() => members.id),
    createdAt: timestamp('created_at').notNull(),
    deletedAt: timestamp('deleted_at'),
  },
  (t) => [index('medications_dependent_idx').on(t.dependentId)],
)

/** A dose given or taken: by whom, to whom, when, how much. Recorded as reported, even when flagged. */
export const doses = table(
  'doses',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    dependentId: text('dependent_id')
      .notNull()
      .references(() => dependents.id),
    /** The regimen this dose belongs to, when there is one (an ad-hoc Tylenol has none). */
    medicationId: text('medication_id').references(() => medications.id),
    drugKey: text('drug_key').notNull(),
    /** As typed: "tylenol", "my morning pills". */
    drugName: text('drug_name').notNull(),
    amount: real('amount'),
    unit: text('unit'),
    at: timestamp('at').notNull(),
    givenBy: text('given_by')
      .notNull()
      .references(() => members.id),
    /** Set by the dose guard: given too soon, over the daily maximum, or under the age limit. */
    flagged: bool('flagged').notNull().default(false),
    flagRule: text('flag_rule'),
    createdAt: timestamp('created_at').notNull(),
    deletedAt: timestamp('deleted_at'),
  },
  (t) => [index('doses_dependent_drug_at_idx').on(t.dependentId, t.drugKey, t.at)],
)
