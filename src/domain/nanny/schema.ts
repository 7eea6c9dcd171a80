import { id, index, integer, table, text, timestamp, uniqueIndex } from '../../db/columns.js'
import { families, members } from '../families/schema.js'

/**
 * A caregiver's shift (docs/decisions/0025): one-off, or weekly on some days ("Maria works Mon–Fri
 * 8–5"), on the family's wall clock like a schedule, so 8:00 stays 8:00 across DST. A shift row never
 * changes its times: changing them is stopping one and adding another, so the hours already worked
 * keep the shift they were worked under.
 */
export const shifts = table(
  'shifts',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    /** Who works it. */
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    createdBy: text('created_by')
      .notNull()
      .references(() => members.id),
    /** First start, local wall clock `YYYY-MM-DDTHH:mm` in `timezone`. */
    dtstart: text('dtstart').notNull(),
    /** Length in minutes (an overnight shift runs past midnight). */
    minutes: integer('minutes').notNull(),
    /** `FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR`, or null for a one-off. */
    rrule: text('rrule'),
    timezone: text('timezone').notNull(),
    status: text('status', { enum: ['active', 'stopped'] }).notNull(),
    /** A one-off covering another shift's day (a swap): that shift's id. */
    coverOf: text('cover_of'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [index('shifts_family_idx').on(t.familyId, t.status), index('shifts_member_idx').on(t.memberId, t.status)],
)

/** A day a recurring (or one-off) shift does not happen: cancelled, or covered by someone else. */
export const shiftSkips = table(
  'shift_skips',
  {
    id: id(),
    familyId: text('family_id').notNull(),
    shiftId: text('shift_id')
      .notNull()
      .references(() => shifts.id),
    /** The local date the occurrence starts on, `YYYY-MM-DD`. */
    date: text('date').notNull(),
    reason: text('reason', { enum: ['cancelled', 'covered'] }).notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => members.id),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('shift_skips_uq').on(t.shiftId, t.date)],
)

/** Clock in / clock out: the hours actually worked, and the caregiver's note at the end. */
export const shiftPunches = table(
  'shift_punches',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    /** The shift this was worked under, when one was due (else null: unscheduled hours still count). */
    shiftId: text('shift_id'),
    inAt: timestamp('in_at').notNull(),
    outAt: timestamp('out_at'),
    /** The caregiver's handoff note at clock-out (sealed). */
    note: text('note'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    index('shift_punches_member_idx').on(t.memberId, t.inAt),
    index('shift_punches_family_idx').on(t.familyId, t.inAt),
  ],
)

export type Shift = typeof shifts.$inferSelect
export type ShiftPunch = typeof shiftPunches.$inferSelect
