import { eq } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../actor.js'
import { recordAudit } from '../audit/service.js'
import { startDigestSchedule, stopDigestSchedule } from '../digest/schedule.js'
import { DomainError } from '../errors.js'
import { type MemberPreferences, memberPreferences } from './schema.js'

/** The digest goes out at 8 pm local unless the member picks another time. */
export const DEFAULT_DIGEST_AT = '20:00'

/** A member's preferences; the defaults (no digest, no quiet hours) when they never set any. */
export async function getPreferences(tx: Tx, actor: ActorContext): Promise<MemberPreferences> {
  const [row] = await tx.select().from(memberPreferences).where(eq(memberPreferences.memberId, actor.memberId))
  return (
    row ?? {
      memberId: actor.memberId,
      familyId: actor.familyId,
      digestAt: null,
      digestScheduleId: null,
      quietStart: null,
      quietEnd: null,
      updatedAt: new Date(0),
    }
  )
}

async function savePreferences(tx: Tx, row: MemberPreferences): Promise<void> {
  const { memberId, ...rest } = row
  await tx.insert(memberPreferences).values(row).onConflictDoUpdate({ target: memberPreferences.memberId, set: rest })
}

/**
 * Turns the member's daily digest on (at `at`, else the time they had, else 8 pm) or off. The digest is
 * a `digest` schedule (docs/decisions/0020); changing the time replaces it. Returns the new preferences
 * and, when on, the next digest's instant.
 */
export async function setDigest(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { on: boolean; at?: string },
): Promise<{ preferences: MemberPreferences; next?: Date }> {
  const current = await getPreferences(tx, actor)
  if (current.digestScheduleId) await stopDigestSchedule(tx, now, current.digestScheduleId)
  let next: Date | undefined
  let scheduleId: string | null = null
  const at = input.on ? (input.at ?? current.digestAt ?? DEFAULT_DIGEST_AT) : null
  if (at) {
    const schedule = await startDigestSchedule(tx, actor, now, at)
    next = schedule.nextRunAt ?? undefined
    scheduleId = schedule.id
  }
  const preferences = { ...current, digestAt: at, digestScheduleId: scheduleId, updatedAt: now }
  await savePreferences(tx, preferences)
  await audit(tx, actor, now, at ? 'preferences.digest_on' : 'preferences.digest_off')
  return { preferences, next }
}

/** Sets the member's quiet hours (`HH:mm` to `HH:mm`, local), or clears them with null. */
export async function setQuietHours(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { start: string; end: string } | null,
): Promise<MemberPreferences> {
  if (input && input.start === input.end) {
    throw new DomainError('invalid_input', 'quiet hours: empty', 'Quiet hours need a start and a different end.')
  }
  const current = await getPreferences(tx, actor)
  const preferences = { ...current, quietStart: input?.start ?? null, quietEnd: input?.end ?? null, updatedAt: now }
  await savePreferences(tx, preferences)
  await audit(tx, actor, now, input ? 'preferences.quiet_on' : 'preferences.quiet_off')
  return preferences
}

async function audit(tx: Tx, actor: ActorContext, now: Date, action: string) {
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action,
    subjectType: 'member',
    subjectId: actor.memberId,
  })
}
