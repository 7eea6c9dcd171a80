import { id, index, table, text, timestamp } from '../../db/columns.js'
import { dependents } from '../dependents/schema.js'
import { families, members } from '../families/schema.js'

/** Columns every medical-record row has: whose record, who wrote it, when; deleted rows are kept. */
const common = () => ({
  id: id(),
  familyId: text('family_id')
    .notNull()
    .references(() => families.id),
  dependentId: text('dependent_id')
    .notNull()
    .references(() => dependents.id),
  recordedBy: text('recorded_by')
    .notNull()
    .references(() => members.id),
  createdAt: timestamp('created_at').notNull(),
  deletedAt: timestamp('deleted_at'),
})

export const allergies = table(
  'allergies',
  {
    ...common(),
    /** What they react to, as the family says it: "penicillin", "peanuts". */
    substance: text('substance').notNull(),
    reaction: text('reaction'),
    severity: text('severity', { enum: ['mild', 'moderate', 'severe'] }),
  },
  (t) => [index('allergies_dependent_idx').on(t.dependentId)],
)

export const conditions = table(
  'conditions',
  {
    ...common(),
    name: text('name').notNull(),
    /** e.g. "since 2024", "controlled with diet". */
    note: text('note'),
  },
  (t) => [index('conditions_dependent_idx').on(t.dependentId)],
)

/** A clinician the family sees: the pediatrician's number goes into urgent fever replies. */
export const providers = table(
  'providers',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    /** Whose provider, when not the whole family's. */
    dependentId: text('dependent_id').references(() => dependents.id),
    name: text('name').notNull(),
    role: text('role', { enum: ['pediatrician', 'gp', 'specialist', 'dentist', 'pharmacy', 'other'] }).notNull(),
    /** E.164. */
    phone: text('phone'),
    createdAt: timestamp('created_at').notNull(),
    deletedAt: timestamp('deleted_at'),
  },
  (t) => [index('providers_family_idx').on(t.familyId)],
)

export const visits = table(
  'visits',
  {
    ...common(),
    at: timestamp('at').notNull(),
    providerId: text('provider_id').references(() => providers.id),
    reason: text('reason'),
    notes: text('notes'),
  },
  (t) => [index('visits_dependent_at_idx').on(t.dependentId, t.at)],
)

export const immunizations = table(
  'immunizations',
  {
    ...common(),
    /** CDC abbreviation when known ("DTaP", "MMR"), else as typed. */
    vaccine: text('vaccine').notNull(),
    /** YYYY-MM-DD. */
    givenOn: text('given_on').notNull(),
    dose: text('dose'),
  },
  (t) => [index('immunizations_dependent_idx').on(t.dependentId)],
)
