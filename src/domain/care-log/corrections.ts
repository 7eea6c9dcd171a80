import { and, desc, eq, gte, isNull } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../actor.js'
import { recordAudit } from '../audit/service.js'
import { DomainError } from '../errors.js'
import { doses } from '../medications/schema.js'
import { careNotes, diapers, feeds, growth, sleeps, temperatures } from './schema.js'

/** "undo" and "make that 90ml" reach back this far, and only to the sender's own entries. */
export const CORRECTION_WINDOW_MS = 24 * 60 * 60 * 1000

const TABLES = { feed: feeds, sleep: sleeps, diaper: diapers, temperature: temperatures, growth, note: careNotes }
/** Care-log kinds, plus doses (the medications area's table; "undo" right after "gave tylenol" means the dose). */
export type CareKind = keyof typeof TABLES | 'dose'

export interface LastEntry {
  kind: CareKind
  id: string
  dependentId: string
  createdAt: Date
}

/** The sender's most recent care entry of any kind, within the correction window. */
export async function lastEntryBy(tx: Tx, actor: ActorContext, now: Date): Promise<LastEntry | undefined> {
  const since = new Date(now.getTime() - CORRECTION_WINDOW_MS)
  let latest: LastEntry | undefined
  for (const [kind, t] of Object.entries(TABLES) as [keyof typeof TABLES, (typeof TABLES)[keyof typeof TABLES]][]) {
    const [row] = await tx
      .select({ id: t.id, dependentId: t.dependentId, createdAt: t.createdAt })
      .from(t)
      .where(
        and(
          eq(t.familyId, actor.familyId),
          eq(t.loggedBy, actor.memberId),
          isNull(t.deletedAt),
          gte(t.createdAt, since),
        ),
      )
      .orderBy(desc(t.createdAt), desc(t.id))
      .limit(1)
    if (
      row &&
      (!latest ||
        row.createdAt > latest.createdAt ||
        (row.createdAt.getTime() === latest.createdAt.getTime() && row.id > latest.id))
    ) {
      latest = { kind, ...row }
    }
  }
  const [dose] = await tx
    .select({ id: doses.id, dependentId: doses.dependentId, createdAt: doses.createdAt })
    .from(doses)
    .where(
      and(
        eq(doses.familyId, actor.familyId),
        eq(doses.givenBy, actor.memberId),
        isNull(doses.deletedAt),
        gte(doses.createdAt, since),
      ),
    )
    .orderBy(desc(doses.createdAt), desc(doses.id))
    .limit(1)
  if (dose && (!latest || dose.createdAt >= latest.createdAt)) latest = { kind: 'dose', ...dose }
  return latest
}

/** The table a kind lives in; a dose's time column is `at` like the others. */
const tableOf = (kind: CareKind) => (kind === 'dose' ? doses : TABLES[kind])

/** "undo": hides the sender's last entry. Nothing is erased; the audit log keeps it. */
export async function undoLast(tx: Tx, actor: ActorContext, now: Date): Promise<LastEntry> {
  const last = await lastEntryBy(tx, actor, now)
  if (!last)
    throw new DomainError('not_found', 'nothing to undo', 'There’s nothing of yours from the last day to undo.')
  const t = tableOf(last.kind)
  await tx.update(t).set({ deletedAt: now }).where(eq(t.id, last.id))
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action: 'care.delete',
    subjectType: last.kind,
    subjectId: last.id,
  })
  return last
}

/** "make that 90ml" / "that was at 2:30": corrects the sender's last entry; the audit log keeps the old value. */
export async function amendLast(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  change: { amountMl?: number; at?: Date },
): Promise<LastEntry> {
  const last = await lastEntryBy(tx, actor, now)
  if (!last)
    throw new DomainError('not_found', 'nothing to amend', 'There’s nothing of yours from the last day to correct.')
  if (change.amountMl !== undefined && last.kind === 'dose') {
    const [before] = await tx.select().from(doses).where(eq(doses.id, last.id))
    await tx.update(doses).set({ amount: change.amountMl, unit: 'ml' }).where(eq(doses.id, last.id))
    await recordEdit(tx, actor, now, last, { amount: before?.amount ?? null, unit: before?.unit ?? null })
  } else if (change.amountMl !== undefined) {
    if (last.kind !== 'feed') {
      throw new DomainError(
        'invalid_input',
        'amount on non-feed',
        'Your last entry wasn’t a bottle, so there’s no amount to change.',
      )
    }
    const [before] = await tx.select().from(feeds).where(eq(feeds.id, last.id))
    if (before?.method !== 'bottle') {
      throw new DomainError(
        'invalid_input',
        'amount on non-bottle',
        'Your last feed wasn’t a bottle, so there’s no amount to change.',
      )
    }
    await tx.update(feeds).set({ amountMl: change.amountMl, unit: 'ml' }).where(eq(feeds.id, last.id))
    await recordEdit(tx, actor, now, last, { amountMl: before.amountMl })
  }
  if (change.at) {
    if (last.kind === 'sleep') {
      const [before] = await tx.select().from(sleeps).where(eq(sleeps.id, last.id))
      await tx.update(sleeps).set({ startAt: change.at }).where(eq(sleeps.id, last.id))
      await recordEdit(tx, actor, now, last, { at: before?.startAt.toISOString() ?? null })
    } else {
      const t = tableOf(last.kind) as typeof feeds
      const [before] = await tx.select({ at: t.at }).from(t).where(eq(t.id, last.id))
      await tx.update(t).set({ at: change.at }).where(eq(t.id, last.id))
      await recordEdit(tx, actor, now, last, { at: before?.at.toISOString() ?? null })
    }
  }
  return last
}

async function recordEdit(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  last: LastEntry,
  before: Record<string, string | number | null>,
) {
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action: 'care.update',
    subjectType: last.kind,
    subjectId: last.id,
    detail: before,
  })
}
