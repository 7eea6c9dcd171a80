import { and, asc, desc, eq, gte, inArray, isNotNull, lt, lte, notExists, or, sql } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { alias } from '../../db/columns.js'
import { perConnection } from '../../db/prepared.js'
import { newId } from '../../lib/ids.js'
import type { Channel } from '../families/schema.js'
import { type InboundLocation, type InboundMedia, inbox } from './schema.js'

export type InboxRow = typeof inbox.$inferSelect

/** A message as every channel adapter hands it over, after verifying and normalizing it. */
export interface InboundMessage {
  channel: Channel
  /** The provider's id for this delivery: the idempotency key. */
  externalId: string
  /** E.164 for phones; team:user for Slack. */
  fromAddress: string
  toAddress?: string
  /** Defaults to channel + sender; Slack sets it per thread. */
  conversationKey?: string
  body: string
  media?: InboundMedia[]
  location?: InboundLocation
  meta?: Record<string, string>
}

export interface AcceptResult {
  id: string
  /** True when this (channel, externalId) was stored before: the retry changes nothing. */
  duplicate: boolean
}

/** How a channel adapter stores what it received; resolves once the message is committed. */
export type AcceptInbound = (m: InboundMessage) => Promise<AcceptResult>

/**
 * Stores an inbound message. The unique (channel, externalId) index makes a retried or concurrent
 * duplicate delivery a no-op: `duplicate` is then true and nothing changes.
 */
export async function acceptInbound(tx: Tx, now: Date, m: InboundMessage): Promise<AcceptResult> {
  const [result] = await acceptInboundMany(tx, now, [m])
  if (!result) throw new Error('acceptInboundMany returned no result')
  return result
}

/**
 * Stores a request that is handled synchronously, in the caller's transaction, as already done: a Slack
 * modal submission, whose effects commit with this row. The unique (channel, externalId) index makes a
 * resubmission a duplicate, which the caller then leaves alone.
 */
export async function recordHandledInbound(tx: Tx, now: Date, m: InboundMessage): Promise<AcceptResult> {
  const result = await acceptInbound(tx, now, m)
  if (!result.duplicate) {
    await tx.update(inbox).set({ status: 'done', handledAt: now }).where(eq(inbox.id, result.id))
  }
  return result
}

/**
 * Stores several inbound messages in the caller's transaction (the webhook group commit, see
 * lib/batcher.ts), one result per message in order. A message repeated within the batch, or already
 * stored, is a duplicate that points at the stored row.
 */
export async function acceptInboundMany(tx: Tx, now: Date, messages: InboundMessage[]): Promise<AcceptResult[]> {
  const insert = insertStatement(tx)
  const results: AcceptResult[] = []
  for (const m of messages) {
    const id = newId('inb')
    const inserted = await insert.run({
      id,
      channel: m.channel,
      externalId: m.externalId,
      fromAddress: m.fromAddress,
      toAddress: m.toAddress ?? null,
      conversationKey: m.conversationKey ?? `${m.channel}:${m.fromAddress}`,
      body: m.body,
      media: m.media ?? [],
      location: m.location ?? null,
      meta: m.meta ?? {},
      now,
    })
    if (inserted.changes === 1) {
      results.push({ id, duplicate: false })
      continue
    }
    const [existing] = await tx
      .select({ id: inbox.id })
      .from(inbox)
      .where(and(eq(inbox.channel, m.channel), eq(inbox.externalId, m.externalId)))
    results.push({ id: existing?.id ?? id, duplicate: true })
  }
  return results
}

/**
 * The insert every webhook runs, prepared once per connection: building and preparing it for each
 * message cost more than the insert itself (bench/ingest.ts, measured).
 */
const insertStatement = perConnection((tx) => {
  const p = (name: string) => sql.placeholder(name)
  return tx
    .insert(inbox)
    .values({
      id: p('id'),
      channel: p('channel'),
      externalId: p('externalId'),
      fromAddress: p('fromAddress'),
      toAddress: p('toAddress'),
      conversationKey: p('conversationKey'),
      body: p('body'),
      media: p('media'),
      location: p('location'),
      meta: p('meta'),
      receivedAt: p('now'),
      status: 'pending',
      nextAttemptAt: p('now'),
    })
    .onConflictDoNothing({ target: [inbox.channel, inbox.externalId] })
    .prepare()
})

/**
 * Claims up to `limit` messages to handle now: for each conversation only its oldest unfinished
 * message, and only when it is due (pending and due, or processing with an expired lease). So one
 * conversation is handled in order, one message at a time, while conversations run in parallel.
 *
 * The query asks for the head of each conversation, not the oldest rows overall: a thousand texts
 * queued by one number must not hide another number's SOS behind them.
 */
export async function claimInbox(
  tx: Tx,
  now: Date,
  { limit, leaseMs, busyConversations }: { limit: number; leaseMs: number; busyConversations: ReadonlySet<string> },
): Promise<InboxRow[]> {
  if (limit <= 0) return []
  const earlier = alias(inbox, 'earlier')
  const heads = await tx
    .select()
    .from(inbox)
    .where(
      and(
        inArray(inbox.status, ['pending', 'processing']),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(earlier)
            .where(
              and(
                eq(earlier.conversationKey, inbox.conversationKey),
                inArray(earlier.status, ['pending', 'processing']),
                or(
                  lt(earlier.receivedAt, inbox.receivedAt),
                  and(eq(earlier.receivedAt, inbox.receivedAt), lt(earlier.id, inbox.id)),
                ),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(inbox.receivedAt), asc(inbox.id))
    .limit(limit + busyConversations.size + 500)
  const claimed: InboxRow[] = []
  const leaseUntil = new Date(now.getTime() + leaseMs)
  for (const row of heads) {
    if (claimed.length >= limit) break
    if (busyConversations.has(row.conversationKey)) continue
    const due =
      (row.status === 'pending' && row.nextAttemptAt <= now) ||
      (row.status === 'processing' && row.leaseUntil !== null && row.leaseUntil <= now)
    if (!due) continue
    await tx
      .update(inbox)
      .set({ status: 'processing', leaseUntil, attempts: row.attempts + 1 })
      .where(eq(inbox.id, row.id))
    claimed.push({ ...row, status: 'processing', leaseUntil, attempts: row.attempts + 1 })
  }
  return claimed
}

/** Marks a message handled; called in the same transaction that wrote its effects and replies. */
export async function completeInbox(tx: Tx, now: Date, claim: Pick<InboxRow, 'id' | 'leaseUntil'>): Promise<void> {
  // Fenced by the claim's lease: if it expired and another worker took the message over, this worker's
  // effects must not commit beside theirs. Throwing rolls the whole transaction back.
  const done = await tx
    .update(inbox)
    .set({ status: 'done', handledAt: now, leaseUntil: null, lastError: null })
    .where(
      and(
        eq(inbox.id, claim.id),
        eq(inbox.status, 'processing'),
        claim.leaseUntil ? eq(inbox.leaseUntil, claim.leaseUntil) : sql`1 = 1`,
      ),
    )
    .returning({ id: inbox.id })
  if (done.length === 0) throw new LeaseLostError(claim.id)
}

/** This worker's claim on a message ended (lease expired and taken over): its work is discarded. */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError'
  constructor(readonly inboxId: string) {
    super(`lease lost on ${inboxId}`)
  }
}

/** A failed attempt: try again at `retryAt`, or park the message as dead when there is no retry left. */
export async function failInbox(
  tx: Tx,
  now: Date,
  id: string,
  { error, retryAt }: { error: string; retryAt?: Date },
): Promise<'retry' | 'dead'> {
  const set = retryAt
    ? { status: 'pending' as const, nextAttemptAt: retryAt, leaseUntil: null, lastError: error.slice(0, 500) }
    : { status: 'dead' as const, leaseUntil: null, lastError: error.slice(0, 500), handledAt: now }
  await tx.update(inbox).set(set).where(eq(inbox.id, id))
  return retryAt ? 'retry' : 'dead'
}

/** Gives claimed but unstarted messages back (graceful shutdown): the next worker takes them at once, and
 * the claim does not count as an attempt. */
export async function releaseInbox(tx: Tx, now: Date, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  await tx
    .update(inbox)
    .set({ status: 'pending', leaseUntil: null, nextAttemptAt: now, attempts: sql`${inbox.attempts} - 1` })
    .where(and(inArray(inbox.id, ids), eq(inbox.status, 'processing')))
}

/** How many messages wait, for readiness and the console. */
export async function inboxBacklog(tx: Tx, now: Date): Promise<number> {
  const rows = await tx
    .select({ id: inbox.id })
    .from(inbox)
    .where(or(and(eq(inbox.status, 'pending'), lte(inbox.nextAttemptAt, now)), eq(inbox.status, 'processing')))
  return rows.length
}

export async function listInbox(tx: Tx, { status, limit = 100 }: { status?: InboxRow['status']; limit?: number } = {}) {
  const q = tx.select().from(inbox)
  return (status ? q.where(eq(inbox.status, status)) : q).orderBy(desc(inbox.receivedAt), desc(inbox.id)).limit(limit)
}

/** The latest location this address shared (a WhatsApp pin) since `since`: where an SOS sender last was. */
export async function lastLocationOf(tx: Tx, fromAddress: string, since: Date): Promise<InboundLocation | undefined> {
  const [row] = await tx
    .select({ location: inbox.location })
    .from(inbox)
    .where(and(eq(inbox.fromAddress, fromAddress), isNotNull(inbox.location), gte(inbox.receivedAt, since)))
    .orderBy(desc(inbox.receivedAt), desc(inbox.id))
    .limit(1)
  return row?.location ?? undefined
}

/**
 * Stores a button press or a reaction as a message handled at once (the caller handles it in the same
 * transaction), so it is on the record like any message and its provider id makes a re-delivery a
 * no-op: `duplicate` is then true and the caller does nothing.
 */
export async function recordInteraction(tx: Tx, now: Date, m: InboundMessage): Promise<AcceptResult> {
  const id = newId('inb')
  const inserted = await tx
    .insert(inbox)
    .values({
      id,
      channel: m.channel,
      externalId: m.externalId,
      fromAddress: m.fromAddress,
      toAddress: m.toAddress ?? null,
      conversationKey: m.conversationKey ?? `${m.channel}:${m.fromAddress}`,
      body: m.body,
      media: [],
      location: null,
      meta: m.meta ?? {},
      receivedAt: now,
      status: 'done',
      nextAttemptAt: now,
      handledAt: now,
    })
    .onConflictDoNothing({ target: [inbox.channel, inbox.externalId] })
    .returning({ id: inbox.id })
  return inserted[0] ? { id, duplicate: false } : { id, duplicate: true }
}
