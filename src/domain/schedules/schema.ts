import { bool, id, index, table, text, timestamp, uniqueIndex } from '../../db/columns.js'
import { families, members } from '../families/schema.js'

export const SCHEDULE_KINDS = ['reminder', 'digest'] as const
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number]

/**
 * Everything MedNanny sends unasked, as rows: the scheduler finds due work with one indexed range scan
 * on `next_run_at` (null once a schedule has ended or was cancelled), so a tick costs the same with a
 * million future schedules as with ten. See docs/decisions/0018-scheduler.md.
 */
export const schedules = table(
  'schedules',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    kind: text('kind', { enum: SCHEDULE_KINDS }).notNull(),
    /** Who receives it. */
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    /** Who set it up (the recipient themself, or a parent reminding the nanny). */
    createdBy: text('created_by')
      .notNull()
      .references(() => members.id),
    /** What to say, as the person put it ("call in my medication"); sealed at rest (DATA_ENCRYPTION_KEY). */
    body: text('body').notNull(),
    /** First occurrence, local wall clock `YYYY-MM-DDTHH:mm` in `timezone`. */
    dtstart: text('dtstart').notNull(),
    /** RRULE body (`FREQ=DAILY`), null for a one-off. */
    rrule: text('rrule'),
    timezone: text('timezone').notNull(),
    /** The next occurrence not yet handled; null when there is none. */
    nextRunAt: timestamp('next_run_at'),
    status: text('status', { enum: ['active', 'ended', 'cancelled'] }).notNull(),
    urgent: bool('urgent').notNull().default(false),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [index('schedules_due_idx').on(t.nextRunAt), index('schedules_member_idx').on(t.memberId, t.status)],
)

/** One occurrence handled: sent (on time or late, inside the grace window), missed, then done or snoozed. */
export const scheduleRuns = table(
  'schedule_runs',
  {
    id: id(),
    scheduleId: text('schedule_id')
      .notNull()
      .references(() => schedules.id),
    familyId: text('family_id').notNull(),
    memberId: text('member_id').notNull(),
    occurrenceAt: timestamp('occurrence_at').notNull(),
    status: text('status', { enum: ['sent', 'late', 'missed', 'done', 'snoozed'] }).notNull(),
    /** The outbox key of the message it produced: `sch:<schedule id>:<occurrence ms>`. */
    outboxKey: text('outbox_key'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('schedule_runs_occurrence_uq').on(t.scheduleId, t.occurrenceAt),
    index('schedule_runs_member_idx').on(t.memberId, t.createdAt),
  ],
)

export type Schedule = typeof schedules.$inferSelect
export type ScheduleRun = typeof scheduleRuns.$inferSelect
