import { id, index, integer, json, table, text, timestamp } from '../../db/columns.js'
import { dependents } from '../dependents/schema.js'
import { families, members } from '../families/schema.js'

export const SOS_STATUSES = ['open', 'acknowledged', 'resolved', 'cancelled'] as const
export type SosStatus = (typeof SOS_STATUSES)[number]

/**
 * An SOS: open until a person acknowledges it, then resolved ("all clear") or cancelled ("false
 * alarm"). Its escalation timer is `next_escalation_at`, found by the scheduler's tick like any due work,
 * so an escalation survives a restart. See docs/decisions/0021-sos.md.
 */
export const sosIncidents = table(
  'sos_incidents',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    openedBy: text('opened_by')
      .notNull()
      .references(() => members.id),
    /** Who it concerns, when named or the family's only child: their medical card goes with the alert. */
    dependentId: text('dependent_id').references(() => dependents.id),
    /** What they wrote; sealed at rest (DATA_ENCRYPTION_KEY). */
    text: text('text').notNull(),
    /** What opened it: the word SOS, or an emergency the red-flag gate caught. */
    trigger: text('trigger', { enum: ['sos', 'gate'] }).notNull(),
    location: json<{ latitude: number; longitude: number; address?: string; label?: string }>('location'),
    status: text('status', { enum: SOS_STATUSES }).notNull(),
    /** Alert rounds sent so far (1 = the first fan-out). */
    round: integer('round').notNull(),
    /** Policy in force, copied at opening: minutes between rounds, rounds before the next tier joins. */
    intervalMinutes: integer('interval_minutes').notNull(),
    roundsPerTier: integer('rounds_per_tier').notNull(),
    nextEscalationAt: timestamp('next_escalation_at'),
    acknowledgedBy: text('acknowledged_by').references(() => members.id),
    acknowledgedAt: timestamp('acknowledged_at'),
    closedAt: timestamp('closed_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [index('sos_due_idx').on(t.nextEscalationAt), index('sos_family_idx').on(t.familyId, t.status)],
)

export const SOS_EVENT_KINDS = [
  'opened',
  'joined',
  'alert',
  'call',
  'escalated',
  'acknowledged',
  'cancelled',
  'resolved',
  'call_status',
] as const

/** The incident's timeline: every alert, call, call result and acknowledgement, in order. */
export const sosEvents = table(
  'sos_events',
  {
    id: id(),
    incidentId: text('incident_id')
      .notNull()
      .references(() => sosIncidents.id),
    at: timestamp('at').notNull(),
    kind: text('kind', { enum: SOS_EVENT_KINDS }).notNull(),
    memberId: text('member_id'),
    channel: text('channel'),
    round: integer('round'),
    /** Codes and ids only (a call's status, an outbox key); never message text. */
    detail: json<Record<string, string | number | null>>('detail'),
  },
  (t) => [index('sos_events_incident_idx').on(t.incidentId, t.at)],
)

export type SosIncident = typeof sosIncidents.$inferSelect
export type SosEvent = typeof sosEvents.$inferSelect

/** A family's escalation policy; absent means the defaults (SOS_POLICY in service.ts). */
export const sosPolicies = table('sos_policies', {
  familyId: text('family_id')
    .primaryKey()
    .references(() => families.id),
  /** Minutes between alert rounds while nobody has acknowledged. */
  intervalMinutes: integer('interval_minutes').notNull(),
  /** Rounds to the first tier (emergency contacts, parents) before everyone in the family is alerted too. */
  roundsPerTier: integer('rounds_per_tier').notNull(),
  updatedBy: text('updated_by').references(() => members.id),
  updatedAt: timestamp('updated_at').notNull(),
})

export type SosPolicy = typeof sosPolicies.$inferSelect
