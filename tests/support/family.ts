import type { Db } from '../../src/db/client.js'
import type { ActorContext } from '../../src/domain/actor.js'
import { resolveActor } from '../../src/domain/families/queries.js'
import type { Role } from '../../src/domain/families/schema.js'
import { acceptInvitation, createFamily, inviteMember } from '../../src/domain/families/service.js'

/** A family created through the service (no chat), returning the owner as an actor on SMS. */
export async function ownerOfNewFamily(
  db: Db,
  now: Date,
  { name = 'The Garcias', phone = '+15551230001', timezone = 'America/New_York', ownerName = 'Ana' } = {},
): Promise<ActorContext> {
  return await db.transaction(async (tx) => {
    await createFamily(tx, now, {
      name,
      timezone,
      locale: 'en-US',
      owner: { name: ownerName, sender: { kind: 'phone', address: phone, channel: 'sms' } },
    })
    return (await resolveActor(tx, { kind: 'phone', address: phone, channel: 'sms' })) as ActorContext
  })
}

/** A member invited by `owner` who has answered YES, as an actor on SMS. */
export async function joinedMember(
  db: Db,
  now: Date,
  owner: ActorContext,
  { role, phone, name = 'Maria' }: { role: Exclude<Role, 'owner'>; phone: string; name?: string },
): Promise<ActorContext> {
  return await db.transaction(async (tx) => {
    const { invitation } = await inviteMember(tx, owner, now, {
      name,
      role,
      emergencyContact: false,
      kind: 'phone',
      address: phone,
    })
    await acceptInvitation(tx, now, invitation, { response: 'YES', channel: 'sms' })
    return (await resolveActor(tx, { kind: 'phone', address: phone, channel: 'sms' })) as ActorContext
  })
}
