import { eq } from 'drizzle-orm'
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
