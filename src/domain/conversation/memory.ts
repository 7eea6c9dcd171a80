import { and, asc, eq, inArray, lt } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import type { ActorContext } from '../actor.js'
import { conversationSummaries, conversationTurns } from './schema.js'

/**
 * A conversation's memory (docs/decisions/0024). Every function takes the actor: a conversation is one
 * family, one member and one thread, and nothing here reads across them.
 */

/** One exchange: what the member said and what MedNanny answered. */
export interface RememberedTurn {
  id: string
  said: string
  answered: string
  route: string
  at: Date
}

export interface Conversation {
  /** The summary of turns too old to keep word for word, if any. */
  summary?: string
  /** The turns after it, oldest first. */
  turns: RememberedTurn[]
}

/** Remembers a handled message and its answer. A message is remembered once, however often it is handled. */
export async function rememberTurn(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  turn: { inboxId: string; threadKey: string; said: string; answered: string; route: string },
): Promise<void> {
  await tx
    .insert(conversationTurns)
    .values({
      id: newId('turn'),
      familyId: actor.familyId,
      memberId: actor.memberId,
      threadKey: turn.threadKey,
      inboxId: turn.inboxId,
      said: tx.fields.seal(turn.said),
      answered: tx.fields.seal(turn.answered),
      route: turn.route,
      at: now,
    })
    .onConflictDoNothing({ target: conversationTurns.inboxId })
}

const ofThread = (t: typeof conversationTurns | typeof conversationSummaries, actor: ActorContext, key: string) =>
  and(eq(t.familyId, actor.familyId), eq(t.memberId, actor.memberId), eq(t.threadKey, key))

/** The sender's conversation in this thread: its summary and the turns after it. */
export async function recallConversation(tx: Tx, actor: ActorContext, threadKey: string): Promise<Conversation> {
  const [summary] = await tx
    .select({ summary: conversationSummaries.summary })
    .from(conversationSummaries)
    .where(ofThread(conversationSummaries, actor, threadKey))
  const rows = await tx
    .select()
    .from(conversationTurns)
    .where(ofThread(conversationTurns, actor, threadKey))
    .orderBy(asc(conversationTurns.at), asc(conversationTurns.id))
  return {
    summary: summary ? tx.fields.open(summary.summary) : undefined,
    turns: rows.map((r) => ({
      id: r.id,
      said: tx.fields.open(r.said),
      answered: tx.fields.open(r.answered),
      route: r.route,
      at: r.at,
    })),
  }
}

/**
 * Replaces the summary and forgets the turns it now covers, in one step: the memory is always the
 * summary plus the turns after it, never both versions of the same exchange.
 */
export async function summarizeConversation(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  threadKey: string,
  s: { summary: string; covers: RememberedTurn[] },
): Promise<void> {
  const last = s.covers.at(-1)
  if (!last) return
  const summary = tx.fields.seal(s.summary)
  await tx
    .insert(conversationSummaries)
    .values({
      id: newId('csum'),
      familyId: actor.familyId,
      memberId: actor.memberId,
      threadKey,
      summary,
      coveredUntil: last.at,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [conversationSummaries.familyId, conversationSummaries.memberId, conversationSummaries.threadKey],
      set: { summary, coveredUntil: last.at, updatedAt: now },
    })
  await tx.delete(conversationTurns).where(
    and(
      ofThread(conversationTurns, actor, threadKey),
      inArray(
        conversationTurns.id,
        s.covers.map((t) => t.id),
      ),
    ),
  )
}

/** "Forget this conversation": the sender's turns and summary in this thread. Returns the turns forgotten. */
export async function forgetConversation(tx: Tx, actor: ActorContext, threadKey: string): Promise<number> {
  await tx.delete(conversationSummaries).where(ofThread(conversationSummaries, actor, threadKey))
  const gone = await tx.delete(conversationTurns).where(ofThread(conversationTurns, actor, threadKey))
  return gone.changes
}

/** Rows deleted per statement, so a first purge of a large file never holds the write lock for long. */
const BATCH = 1000

/**
 * Memory is chat, and chat is kept only `days` (MESSAGE_RETENTION_DAYS, like the inbox's text): older
 * turns, and summaries begun before then, are deleted. Returns the rows deleted.
 */
export async function purgeConversations(tx: Tx, now: Date, days: number): Promise<number> {
  const before = new Date(now.getTime() - days * 86_400_000)
  const oldTurns = tx
    .select({ id: conversationTurns.id })
    .from(conversationTurns)
    .where(lt(conversationTurns.at, before))
    .limit(BATCH)
  const a = await tx.delete(conversationTurns).where(inArray(conversationTurns.id, oldTurns))
  // By when the summary began: each fold carries older words forward, so a busy thread's summary would
  // otherwise keep them past retention for ever. The thread starts a new summary after it.
  const b = await tx.delete(conversationSummaries).where(lt(conversationSummaries.createdAt, before))
  return a.changes + b.changes
}
