import { eq } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../actor.js'
import { recordAudit } from '../audit/service.js'
import { familyChannelDigestAt, startFamilyChannelDigest } from '../digest/family-channel.js'
import { DomainError } from '../errors.js'
import { can } from '../permissions.js'
import { DEFAULT_DIGEST_AT } from '../preferences/service.js'
import { type FamilyChannel, familyChannels } from './schema.js'

/**
 * Makes a place the family's channel (parents only). A place belongs to one family: another family's
 * channel is refused without saying whose it is. Setting it again moves it; the daily digest follows,
 * at the time given (docs/decisions/0031).
 */
export async function setFamilyChannel(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { channel: 'slack'; key: string; address: string },
  /**
   * The channel's daily digest, `HH:mm` on the family's clock, or null for none; 'keep' (the default)
   * keeps the current one when the family had a channel (moving it), else 20:00.
   */
  digestAt: string | null | 'keep' = 'keep',
): Promise<FamilyChannel & { digestAt: string | null }> {
  if (!can(actor.role, 'family:channel')) {
    throw new DomainError('forbidden', 'family channel is for parents', 'Only a parent can choose the family channel.')
  }
  const [taken] = await tx.select().from(familyChannels).where(eq(familyChannels.key, input.key))
  if (taken && taken.familyId !== actor.familyId) {
    throw new DomainError('conflict', 'channel belongs to another family', 'This channel already belongs to a family.')
  }
  const had = await familyChannelOf(tx, actor.familyId)
  const at = digestAt !== 'keep' ? digestAt : had ? await familyChannelDigestAt(tx, actor) : DEFAULT_DIGEST_AT
  const row: FamilyChannel = { familyId: actor.familyId, ...input, setBy: actor.memberId, setAt: now }
  await tx
    .insert(familyChannels)
    .values(row)
    .onConflictDoUpdate({ target: familyChannels.familyId, set: { ...input, setBy: actor.memberId, setAt: now } })
  await startFamilyChannelDigest(tx, actor, now, at)
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action: 'family_channel.set',
    subjectType: 'family',
    subjectId: actor.familyId,
    detail: { channel: input.channel, digestAt: at },
  })
  return { ...row, digestAt: at }
}

export async function familyChannelOf(tx: Tx, familyId: string): Promise<FamilyChannel | undefined> {
  const [row] = await tx.select().from(familyChannels).where(eq(familyChannels.familyId, familyId))
  return row
}

/** Every family channel: the adapter keeps them in memory to recognise their messages. */
export async function listFamilyChannels(tx: Tx): Promise<FamilyChannel[]> {
  return tx.select().from(familyChannels)
}
