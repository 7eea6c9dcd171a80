import { and, asc, eq } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../actor.js'
import { DomainError } from '../errors.js'
import { channelIdentities, families, members } from '../families/schema.js'

/**
 * The family's owner as an ActorContext, for work an operator does on the family's behalf from the
 * command line (`mednanny member add`): the change is recorded as the owner's, as if they had texted it.
 * It lives beside export because the CLI's domain reads are kept here; it belongs in families/.
 */
export async function ownerActor(tx: Tx, familyId: string): Promise<ActorContext> {
  const [row] = await tx
    .select({ member: members, family: families })
    .from(members)
    .innerJoin(families, eq(families.id, members.familyId))
    .where(and(eq(members.familyId, familyId), eq(members.role, 'owner'), eq(members.status, 'active')))
    .orderBy(asc(members.createdAt))
    .limit(1)
  if (!row) throw new DomainError('not_found', `family ${familyId} has no active owner`)
  const identities = await tx
    .select()
    .from(channelIdentities)
    .where(eq(channelIdentities.memberId, row.member.id))
    .orderBy(asc(channelIdentities.createdAt))
  // The owner's preferred channel that they have an identity for; a phone covers SMS and WhatsApp.
  const route = row.member.channelOrder
    .map((channel) => ({
      channel,
      identity: identities.find((i) => i.kind === (channel === 'slack' ? 'slack' : 'phone')),
    }))
    .find((r) => r.identity)
  if (!route?.identity) throw new DomainError('not_found', `the owner of family ${familyId} has no channel identity`)
  return {
    familyId,
    memberId: row.member.id,
    role: row.member.role,
    channel: route.channel,
    address: route.identity.address,
    timezone: row.family.timezone,
    locale: row.family.locale,
  }
}
