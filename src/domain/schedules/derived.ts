/**
 * Helpers for schedules MedNanny derives from the record (doses, nudges, refills, shots), as opposed
 * to reminders a person sets: inserting one exactly once, and who should hear about a regimen.
 */
import { and, eq, inArray } from 'drizzle-orm'
import { DateTime } from 'luxon'
import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import { dependents } from '../dependents/schema.js'
import { type Member, members } from '../families/schema.js'
import type { medications } from '../medications/schema.js'
import { memberRoutesMany, type NewOutboxMessage } from '../outbox/service.js'
import { type Schedule, schedules } from './schema.js'

type Medication = typeof medications.$inferSelect

/** `YYYY-MM-DDTHH:mm` on the family's wall clock. */
export const localMinute = (at: Date, timezone: string) =>
  DateTime.fromJSDate(at, { zone: timezone }).toFormat("yyyy-MM-dd'T'HH:mm")

export type NewDerived = Pick<Schedule, 'familyId' | 'kind' | 'memberId' | 'createdBy' | 'body' | 'timezone'> &
  Partial<Pick<Schedule, 'medicationId' | 'dependentId' | 'dedupeKey' | 'detail' | 'rrule' | 'dtstart'>> & {
    /** The first (or only) occurrence. */
    at: Date
  }

/** Inserts a derived schedule; with a `dedupeKey` already taken, nothing happens. Returns whether it was new. */
export async function insertDerived(tx: Tx, now: Date, s: NewDerived): Promise<boolean> {
  const rows = await tx
    .insert(schedules)
    .values({
      id: newId('sch'),
      familyId: s.familyId,
      kind: s.kind,
      memberId: s.memberId,
      createdBy: s.createdBy,
      body: tx.fields.seal(s.body),
      dtstart: s.dtstart ?? localMinute(s.at, s.timezone),
      rrule: s.rrule ?? null,
      timezone: s.timezone,
      nextRunAt: s.at,
      status: 'active',
      urgent: false,
      medicationId: s.medicationId ?? null,
      dependentId: s.dependentId ?? null,
      dedupeKey: s.dedupeKey ?? null,
      detail: s.detail ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: schedules.id })
  return rows.length > 0
}

/** The family's active owner and admins (the parents), oldest first. */
export async function parentsOf(tx: Tx, familyId: string): Promise<Member[]> {
  const rows = await tx
    .select()
    .from(members)
    .where(and(eq(members.familyId, familyId), eq(members.status, 'active'), inArray(members.role, ['owner', 'admin'])))
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
}

/**
 * Who gives a regimen's doses, so who is reminded: the member responsible for it, else the dependent
 * themself when they are a member (grandpa takes his own), else the family's parents.
 */
export async function doseRecipients(
  tx: Tx,
  med: Pick<Medication, 'familyId' | 'dependentId' | 'responsibleMemberId'>,
): Promise<string[]> {
  const [dep] = await tx
    .select({ memberId: dependents.memberId })
    .from(dependents)
    .where(eq(dependents.id, med.dependentId))
  for (const id of [med.responsibleMemberId, dep?.memberId]) {
    if (!id) continue
    const [m] = await tx.select({ status: members.status }).from(members).where(eq(members.id, id))
    if (m?.status === 'active') return [id]
  }
  return (await parentsOf(tx, med.familyId)).map((m) => m.id)
}

/** One message per member, on their first channel; `key` makes each exactly-once. */
export async function toMembers(
  tx: Tx,
  memberIds: string[],
  m: {
    familyId: string
    kind: string
    key: (memberId: string) => string
    body: (memberId: string) => string
    payload?: NewOutboxMessage['payload']
  },
): Promise<NewOutboxMessage[]> {
  const routes = await memberRoutesMany(tx, memberIds)
  return [...new Set(memberIds)].flatMap((memberId) => {
    const route = routes.get(memberId)?.[0]
    if (!route) return []
    return [
      {
        idempotencyKey: m.key(memberId),
        familyId: m.familyId,
        memberId,
        channel: route.channel,
        toAddress: route.address,
        kind: m.kind,
        body: m.body(memberId),
        payload: m.payload,
      },
    ]
  })
}
