import { bool, id, index, json, table, text, timestamp, uniqueIndex } from '../../db/columns.js'
import { dependents } from '../dependents/schema.js'
import { families, members } from '../families/schema.js'
import { medications } from '../medications/schema.js'

/**
 * reminder: set by a person. dose: a regimen's fixed time (docs/decisions/0019). dose_nudge: a dose not
 * logged in time, one row per step and recipient. refill: a supply check, re-armed when a dose is logged.
 * immunization: a week before a child's vaccine visit. digest: a member's daily digest (0020). shift: a
 * caregiver's shift reminders and the missed clock-in check (0025). cycle: before a member's predicted
 * period, to her only (0028; never exported with the family's record).
 */
export const SCHEDULE_KINDS = [
  'reminder',
  'dose',
  'dose_nudge',
  'refill',
  'immunization',
  'digest',
  'shift',
  'cycle',
] as const
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number]

/** Per-kind state a schedule carries (kinds other than `reminder`). */
export interface ScheduleDetail {
  /** dose_nudge: the dose occurrence it is about (epoch ms), and which step (1: the giver, 2: a parent). */
  doseAt?: number
  step?: 1 | 2
  /** refill: a reminder went out for the current low-supply crossing. */
  reminded?: boolean
  /** immunization: the visit age in months. */
  visitMonths?: number
  /** shift: the shift, and which message this schedule sends for each occurrence. */
  shiftId?: string
  shiftStep?: 'eve' | 'soon' | 'check'
}

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
    /** The regimen a dose, nudge or refill schedule belongs to. */
    medicationId: text('medication_id').references(() => medications.id),
    /** Whose dose or shots it is about. */
    dependentId: text('dependent_id').references(() => dependents.id),
    /** Makes a derived schedule exactly-once: `nudge:<med>:<dose ms>:<step>:<member>`, `refill:<med>`, `imm:<dep>:<months>`. */
    dedupeKey: text('dedupe_key'),
    detail: json<ScheduleDetail>('detail'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    index('schedules_due_idx').on(t.nextRunAt),
    index('schedules_member_idx').on(t.memberId, t.status),
    index('schedules_medication_idx').on(t.medicationId),
    uniqueIndex('schedules_dedupe_uq').on(t.dedupeKey),
  ],
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
