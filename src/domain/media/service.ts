import { eq, inArray, lt } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import type { ActorContext } from '../actor.js'
import type { Snapshot } from '../reports/snapshot.js'
import { type MediaKind, media } from './schema.js'

export type MediaRow = typeof media.$inferSelect

/** Keeps what a chart or summary will draw, for the person who asked; returns the row id. */
export async function createMedia(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { kind: MediaKind; dependentId?: string; snapshot: Snapshot },
): Promise<string> {
  const row: MediaRow = {
    id: newId('med'),
    familyId: actor.familyId,
    memberId: actor.memberId,
    dependentId: input.dependentId ?? null,
    kind: input.kind,
    snapshot: tx.fields.seal(JSON.stringify(input.snapshot)),
    createdAt: now,
  }
  await tx.insert(media).values(row)
  return row.id
}

/** A media row and its opened snapshot, by id (the signed URL already proved who may have it). */
export async function loadMedia(tx: Tx, id: string): Promise<{ row: MediaRow; snapshot: Snapshot } | undefined> {
  const [row] = await tx.select().from(media).where(eq(media.id, id))
  if (!row) return undefined
  return { row, snapshot: JSON.parse(tx.fields.open(row.snapshot)) as Snapshot }
}

/**
 * Charts and summaries hold health values (sealed, but still kept): after `days` (MESSAGE_RETENTION_DAYS,
 * like the chat they were sent in) the rows go, a batch at a time. A link to one then answers 404; links
 * expire long before (MEDIA_URL_TTL_MINUTES). Returns the rows deleted.
 */
export async function purgeMedia(tx: Tx, now: Date, days: number): Promise<number> {
  const before = new Date(now.getTime() - days * 86_400_000)
  const old = tx.select({ id: media.id }).from(media).where(lt(media.createdAt, before)).limit(1000)
  return (await tx.delete(media).where(inArray(media.id, old))).changes
}
