import { and, eq } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../actor.js'
import { DEFAULT_DIGEST_AT } from '../preferences/service.js'
import { schedules } from '../schedules/schema.js'
import { startDigestSchedule, stopDigestSchedule } from './schedule.js'

/**
 * The family channel's daily digest: a `digest` schedule marked `familyChannel`, at `at` on the family's
 * wall clock (the default digest time, 20:00, unless the parent chose another; null: none), set up by
 * the parent who chose the channel. Choosing the channel again replaces the schedule, so a family has at
 * most one channel digest a day (docs/decisions/0031).
 */
export async function startFamilyChannelDigest(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  at: string | null = DEFAULT_DIGEST_AT,
): Promise<void> {
  for (const s of await channelDigests(tx, actor)) await stopDigestSchedule(tx, now, s.id)
  if (at) await startDigestSchedule(tx, actor, now, at, { familyChannel: true })
}

/** The channel digest's time now (`HH:mm` on the family's clock), or null when there is none. */
export async function familyChannelDigestAt(tx: Tx, actor: ActorContext): Promise<string | null> {
  const [current] = await channelDigests(tx, actor)
  return current ? current.dtstart.slice(11, 16) : null
}

async function channelDigests(tx: Tx, actor: ActorContext) {
  const active = await tx
    .select({ id: schedules.id, detail: schedules.detail, dtstart: schedules.dtstart })
    .from(schedules)
    .where(and(eq(schedules.familyId, actor.familyId), eq(schedules.kind, 'digest'), eq(schedules.status, 'active')))
  return active.filter((row) => row.detail?.familyChannel)
}
