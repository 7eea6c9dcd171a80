import { bool, id, index, integer, real, table, text, timestamp, uniqueIndex } from '../../db/columns.js'
import { families, members } from '../families/schema.js'

/**
 * Menstrual cycles: a member's own record (the adult herself, never a dependent), private to her and to
 * the members she shares it with (docs/decisions/0028-cycles.md). Only src/domain/cycles reads these
 * tables; the digest, the family export and the agent's family context never do. Dates are her local
 * calendar dates (`YYYY-MM-DD` in the family's zone): a period starts on a day, not at an instant.
 */

/** One period: its first day and, once she says so, its last. */
export const cyclePeriods = table(
  'cycle_periods',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    startDate: text('start_date').notNull(),
    /** Null while it lasts (or when she never said it ended). */
    endDate: text('end_date'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [uniqueIndex('cycle_periods_member_start_uq').on(t.memberId, t.startDate)],
)

export const FLOWS = ['spotting', 'light', 'medium', 'heavy'] as const
export type Flow = (typeof FLOWS)[number]

/** What she logged on one day: flow, symptoms, basal body temperature, a note. One row per entry. */
export const cycleDays = table(
  'cycle_days',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    date: text('date').notNull(),
    flow: text('flow', { enum: FLOWS }),
    /** Symptoms as a JSON list (`["cramps","headache"]`), sealed at rest (DATA_ENCRYPTION_KEY). */
    symptoms: text('symptoms'),
    /** Basal body temperature, °C (a reading typed in °F is converted). */
    bbtC: real('bbt_c'),
    /**
     * She said the reading was disturbed (ill, alcohol, a bad night, taken late): kept, shown, and left
     * out of the predictions, as charting methods discount it (docs/decisions/0028, "Disturbed readings").
     */
    bbtDisturbed: bool('bbt_disturbed').notNull().default(false),
    /** Free text, sealed at rest. */
    note: text('note'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('cycle_days_member_date_idx').on(t.memberId, t.date)],
)

/** Her settings: the reminder before the predicted start (opt-in). One row per member who set any. */
export const cycleSettings = table('cycle_settings', {
  memberId: text('member_id')
    .primaryKey()
    .references(() => members.id),
  familyId: text('family_id')
    .notNull()
    .references(() => families.id),
  /** Days before the predicted start the reminder comes; null: no reminder. */
  remindDaysBefore: integer('remind_days_before'),
  updatedAt: timestamp('updated_at').notNull(),
})

/** A member she lets read her cycles (read only). Removing the row ends the share. */
export const cycleShares = table(
  'cycle_shares',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    ownerMemberId: text('owner_member_id')
      .notNull()
      .references(() => members.id),
    viewerMemberId: text('viewer_member_id')
      .notNull()
      .references(() => members.id),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('cycle_shares_pair_uq').on(t.ownerMemberId, t.viewerMemberId),
    index('cycle_shares_viewer_idx').on(t.viewerMemberId),
  ],
)

export type CyclePeriod = typeof cyclePeriods.$inferSelect
export type CycleDay = typeof cycleDays.$inferSelect
