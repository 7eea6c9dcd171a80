/**
 * The dose guard's warning, answered (Slack's Record anyway / Cancel). A dose the guard flags is
 * recorded as reported, flagged (the record must say what really happened), so the answers are what
 * the text already allows: "Record anyway" keeps it — the audit log notes that the person saw the
 * warning — and "Cancel" is "undo" of exactly those doses. Both are for the person who recorded them,
 * within the window "undo" reaches (docs/decisions/0026-slack-interactivity.md).
 */
import { and, eq, gte, inArray } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../actor.js'
import { recordAudit } from '../audit/service.js'
import { CORRECTION_WINDOW_MS } from '../care-log/corrections.js'
import { DomainError } from '../errors.js'
import { can } from '../permissions.js'
import { doses } from './schema.js'
import type { Dose } from './service.js'

export interface FlaggedAnswer {
  doses: Dose[]
  /** Nothing changed: already cancelled (Cancel), or cancelled before (Record anyway). */
  unchanged: boolean
}

/** The flagged doses named, as the actor recorded them in the correction window; refuses anyone else. */
async function flaggedDosesOf(tx: Tx, actor: ActorContext, now: Date, doseIds: string[]): Promise<Dose[]> {
  if (!can(actor.role, 'doses:write')) throw new DomainError('forbidden', `${actor.role} lacks doses:write`)
  const rows = doseIds.length
    ? await tx
        .select()
        .from(doses)
        .where(
          and(
            inArray(doses.id, doseIds),
            eq(doses.familyId, actor.familyId),
            eq(doses.givenBy, actor.memberId),
            eq(doses.flagged, true),
            gte(doses.createdAt, new Date(now.getTime() - CORRECTION_WINDOW_MS)),
          ),
        )
    : []
  if (!rows.length) {
    throw new DomainError(
      'not_found',
      'flagged doses',
      'Only the person who recorded this dose can answer this, within a day of recording it.',
    )
  }
  return rows
}

/** "Record anyway": the doses stay recorded and flagged; the audit log says the warning was seen. */
export async function keepFlaggedDoses(tx: Tx, actor: ActorContext, now: Date, doseIds: string[]) {
  const rows = await flaggedDosesOf(tx, actor, now, doseIds)
  const live = rows.filter((d) => !d.deletedAt)
  for (const d of live) await audit(tx, actor, now, 'dose.keep_flagged', d)
  return { doses: rows, unchanged: live.length === 0 } satisfies FlaggedAnswer
}

/** "Cancel": those doses are undone as "undo" would (hidden, kept in the audit log). */
export async function cancelFlaggedDoses(tx: Tx, actor: ActorContext, now: Date, doseIds: string[]) {
  const rows = await flaggedDosesOf(tx, actor, now, doseIds)
  const live = rows.filter((d) => !d.deletedAt)
  if (live.length) {
    await tx
      .update(doses)
      .set({ deletedAt: now })
      .where(
        inArray(
          doses.id,
          live.map((d) => d.id),
        ),
      )
  }
  for (const d of live) await audit(tx, actor, now, 'care.delete', d)
  return { doses: rows, unchanged: live.length === 0 } satisfies FlaggedAnswer
}

async function audit(tx: Tx, actor: ActorContext, now: Date, action: string, d: Dose) {
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action,
    subjectType: 'dose',
    subjectId: d.id,
    detail: d.flagRule ? { flagRule: d.flagRule } : undefined,
  })
}
