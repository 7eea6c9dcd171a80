import { bool, id, index, integer, real, table, text, timestamp } from '../../db/columns.js'
import { dependents } from '../dependents/schema.js'
import { families, members } from '../families/schema.js'

/**
 * The care log: what happened to a dependent, when it happened (`at`, not when it was texted), and who
 * logged it. One table per kind keeps the questions people ask ("how much has she eaten today?") to a
 * plain sum. Rows are never deleted: `deletedAt` hides them and the audit log keeps edits.
 */
const common = () => ({
  id: id(),
  familyId: text('family_id')
    .notNull()
    .references(() => families.id),
  dependentId: text('dependent_id')
    .notNull()
    .references(() => dependents.id),
  loggedBy: text('logged_by')
    .notNull()
    .references(() => members.id),
  createdAt: timestamp('created_at').notNull(),
  deletedAt: timestamp('deleted_at'),
})

export const FEED_METHODS = ['breast', 'bottle', 'solids'] as const
export type FeedMethod = (typeof FEED_METHODS)[number]

export const feeds = table(
  'feeds',
  {
    ...common(),
    at: timestamp('at').notNull(),
    method: text('method', { enum: FEED_METHODS }).notNull(),
    /** Breast: which side. */
    side: text('side', { enum: ['L', 'R'] }),
    /** Breast: minutes on that side. */
    minutes: integer('minutes'),
    /** Bottle: millilitres (an amount typed in ounces is converted; `unit` keeps what was typed). */
    amountMl: real('amount_ml'),
    unit: text('unit', { enum: ['ml', 'oz'] }),
    /** Bottle: formula or breast milk. */
    milk: text('milk', { enum: ['formula', 'breastmilk'] }),
    /** Solids: what was eaten, as typed. */
    food: text('food'),
  },
  (t) => [index('feeds_dependent_at_idx').on(t.dependentId, t.at)],
)

export const sleeps = table(
  'sleeps',
  {
    ...common(),
    startAt: timestamp('start_at').notNull(),
    /** Null while asleep. */
    endAt: timestamp('end_at'),
  },
  (t) => [index('sleeps_dependent_start_idx').on(t.dependentId, t.startAt)],
)

export const diapers = table(
  'diapers',
  {
    ...common(),
    at: timestamp('at').notNull(),
    wet: bool('wet').notNull(),
    dirty: bool('dirty').notNull(),
  },
  (t) => [index('diapers_dependent_at_idx').on(t.dependentId, t.at)],
)

export const TEMPERATURE_SITES = ['oral', 'armpit', 'rectal', 'ear', 'forehead'] as const
export type TemperatureSite = (typeof TEMPERATURE_SITES)[number]

export const temperatures = table(
  'temperatures',
  {
    ...common(),
    at: timestamp('at').notNull(),
    /** Always stored in °C; `unit` says what was typed so a reply can answer in it. */
    celsius: real('celsius').notNull(),
    unit: text('unit', { enum: ['C', 'F'] }).notNull(),
    site: text('site', { enum: TEMPERATURE_SITES }),
  },
  (t) => [index('temperatures_dependent_at_idx').on(t.dependentId, t.at)],
)

export const growth = table(
  'growth',
  {
    ...common(),
    at: timestamp('at').notNull(),
    weightKg: real('weight_kg'),
    lengthCm: real('length_cm'),
    headCm: real('head_cm'),
  },
  (t) => [index('growth_dependent_at_idx').on(t.dependentId, t.at)],
)

export const careNotes = table(
  'care_notes',
  {
    ...common(),
    at: timestamp('at').notNull(),
    /** Free text; encrypted at rest when DATA_ENCRYPTION_KEY is set (not built yet). */
    body: text('body').notNull(),
    /** Set when the note was flagged by the red-flag gate. */
    flagged: bool('flagged').notNull().default(false),
  },
  (t) => [index('care_notes_dependent_at_idx').on(t.dependentId, t.at)],
)
