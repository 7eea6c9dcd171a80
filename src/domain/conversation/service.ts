import { and, eq, gt } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import type { ActorContext } from '../actor.js'
import { pendingQuestions } from './schema.js'

export type PendingQuestion = typeof pendingQuestions.$inferSelect

/** An unanswered question is forgotten after this: the next message is read on its own. */
export const PENDING_TTL_MS = 30 * 60 * 1000

export async function askQuestion(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  q: { kind: string; payload: unknown; options: string[] },
  /** How long the question stays open (default PENDING_TTL_MS). */
  ttlMs = PENDING_TTL_MS,
): Promise<void> {
  const row = {
    id: newId('ask'),
    familyId: actor.familyId,
    memberId: actor.memberId,
    ...q,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttlMs),
  }
  await tx
    .insert(pendingQuestions)
    .values(row)
    .onConflictDoUpdate({
      target: pendingQuestions.memberId,
      set: { kind: q.kind, payload: q.payload, options: q.options, createdAt: now, expiresAt: row.expiresAt },
    })
}

/** The sender's open question, if any (expired ones are ignored). */
export async function openQuestion(tx: Tx, actor: ActorContext, now: Date): Promise<PendingQuestion | undefined> {
  const [row] = await tx
    .select()
    .from(pendingQuestions)
    .where(
      and(
        eq(pendingQuestions.familyId, actor.familyId),
        eq(pendingQuestions.memberId, actor.memberId),
        gt(pendingQuestions.expiresAt, now),
      ),
    )
  return row
}

export async function closeQuestion(tx: Tx, actor: ActorContext): Promise<void> {
  await tx.delete(pendingQuestions).where(eq(pendingQuestions.memberId, actor.memberId))
}
