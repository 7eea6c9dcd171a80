/**
 * Handoffs (docs/decisions/0025): at clock-out the parents get what was logged during the shift and the
 * caregiver's note; at clock-in the caregiver gets what happened since her last shift.
 */

import type { Tx } from '../../db/client.js'
import { formatLocalTime } from '../../lib/timezone.js'
import type { ActorContext } from '../actor.js'
import { composeDigest } from '../digest/compose.js'
import { dependentLines, dosesLine, durationText, flagLines } from '../digest/words.js'
import type { NewOutboxMessage } from '../outbox/service.js'
import { parentsOf, toMembers } from '../schedules/derived.js'
import type { ShiftPunch } from './schema.js'
import { spanText } from './time.js'

/** The parents' message at clock-out: the shift's span and length, each child's care, the note. */
export async function clockOutHandoff(
  tx: Tx,
  actor: ActorContext,
  worker: string,
  punch: ShiftPunch & { outAt: Date },
): Promise<NewOutboxMessage[]> {
  const zone = actor.timezone
  const care = await composeDigest(tx, actor.familyId, { from: punch.inAt, to: punch.outAt, allNotes: true })
  const minutes = (punch.outAt.getTime() - punch.inAt.getTime()) / 60_000
  const lines = [
    `👋 ${worker} clocked out: ${spanText({ start: punch.inAt, end: punch.outAt }, zone)} (${durationText(minutes)}).`,
    ...care.flatMap((d) => dependentLines(d, zone)),
    ...(punch.note ? [`${worker}’s note: ${punch.note}`] : []),
  ]
  const parents = (await parentsOf(tx, actor.familyId)).map((p) => p.id).filter((id) => id !== actor.memberId)
  const messages = await toMembers(tx, parents, {
    familyId: actor.familyId,
    kind: 'shift_handoff',
    key: (memberId) => `handoff:${punch.id}:${memberId}`,
    body: () => lines.join('\n'),
  })
  return messages.map((m) => ({ ...m, payload: { kind: 'summary' } }))
}

/**
 * The caregiver's catch-up at clock-in: doses given and anything flagged since her last clock-out (the
 * last 24 hours when this is her first shift on record). Undefined when there is nothing to tell.
 */
export async function sinceLastShift(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  previous: ShiftPunch | undefined,
): Promise<string | undefined> {
  const from = previous?.outAt ?? new Date(now.getTime() - 24 * 3_600_000)
  if (from >= now) return undefined
  const care = await composeDigest(tx, actor.familyId, { from, to: now })
  const zone = actor.timezone
  // Doses and what was flagged (this reads flagged notes only): the rest of the day is not hers to act on.
  const lines = care.flatMap((d) => {
    const items = [...dosesLine(d), ...flagLines(d, zone)]
    return items.length ? [d.name, ...items] : []
  })
  const since = previous?.outAt ? `since your last shift (${formatLocalTime(from, zone)})` : 'in the last 24 hours'
  if (!lines.length) return `Nothing flagged and no doses ${since}.`
  return [`${since.charAt(0).toUpperCase()}${since.slice(1)}:`, ...lines].join('\n')
}
