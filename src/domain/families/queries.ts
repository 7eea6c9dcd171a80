/** Reads of the family record: who is asking, who is in the family, which family. */
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../actor.js'
import { DomainError } from '../errors.js'
import {
  type Channel,
  channelIdentities,
  type Family,
  families,
  type Member,
  members,
  type Role,
  type Sender,
} from './schema.js'

/** Resolves a verified sender to an ActorContext, or undefined when they are not an active member. */
export async function resolveActor(tx: Tx, sender: Sender): Promise<ActorContext | undefined> {
  const [row] = await tx
    .select({ member: members, family: families })
    .from(channelIdentities)
    .innerJoin(members, eq(members.id, channelIdentities.memberId))
    .innerJoin(families, eq(families.id, members.familyId))
    .where(and(eq(channelIdentities.kind, sender.kind), eq(channelIdentities.address, sender.address)))
  if (row?.member.status !== 'active') return undefined
  return {
    familyId: row.family.id,
    memberId: row.member.id,
    role: row.member.role,
    channel: sender.channel,
    address: sender.address,
    timezone: row.family.timezone,
    locale: row.family.locale,
  }
}

export interface MemberSummary {
  id: string
  name: string
  role: Role
  status: Member['status']
  emergencyContact: boolean
  channels: Channel[]
}

/** Active and invited members of the actor's family, with the channels they can be reached on. */
export async function listMembers(tx: Tx, actor: ActorContext): Promise<MemberSummary[]> {
  const rows = await tx
    .select()
    .from(members)
    .where(and(eq(members.familyId, actor.familyId), inArray(members.status, ['active', 'invited'])))
    .orderBy(asc(members.createdAt))
  return rows.map((m) => ({
    id: m.id,
    name: m.name,
    role: m.role,
    status: m.status,
    emergencyContact: m.emergencyContact,
    channels: m.status === 'active' ? m.channelOrder : [],
  }))
}

/** Finds a member of the actor's family by name (case-insensitive, first name enough when unique). */
export async function findMemberByName(tx: Tx, actor: ActorContext, name: string): Promise<Member> {
  const wanted = name.trim().toLowerCase()
  const candidates = await tx
    .select()
    .from(members)
    .where(and(eq(members.familyId, actor.familyId), inArray(members.status, ['active', 'invited'])))
  const exact = candidates.filter((m) => m.name.toLowerCase() === wanted)
  const byFirst = candidates.filter((m) => m.name.toLowerCase().split(/\s+/)[0] === wanted)
  const found = exact.length ? exact : byFirst
  if (found.length === 1 && found[0]) return found[0]
  if (found.length > 1) {
    throw new DomainError(
      'conflict',
      'ambiguous member name',
      `More than one member is called ${name}; use the full name.`,
    )
  }
  throw new DomainError('not_found', 'member by name', `I don't know anyone called ${name} in your family.`)
}

/** A member's name by id, for wording a message to someone outside the family (an invitee). */
export async function memberName(tx: Tx, memberId: string): Promise<string | undefined> {
  const [row] = await tx.select({ name: members.name }).from(members).where(eq(members.id, memberId))
  return row?.name
}

export async function getFamily(tx: Tx, familyId: string): Promise<Family> {
  const [family] = await tx.select().from(families).where(eq(families.id, familyId))
  if (!family) throw new DomainError('not_found', `family ${familyId}`)
  return family
}

/** A member of the actor's family; another family's member is "not found", never revealed. */
export async function getMember(tx: Tx, actor: ActorContext, memberId: string): Promise<Member> {
  const [member] = await tx
    .select()
    .from(members)
    .where(and(eq(members.id, memberId), eq(members.familyId, actor.familyId)))
  if (!member) throw new DomainError('not_found', `member ${memberId}`)
  return member
}

/**
 * The family's owner as an ActorContext, for work an operator does on the family's behalf from the
 * command line (`mednanny member add`): the change is recorded as the owner's, as if they had texted it.
 */
export async function ownerActor(tx: Tx, familyId: string): Promise<ActorContext> {
  const [owner] = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.familyId, familyId), eq(members.role, 'owner'), eq(members.status, 'active')))
    .orderBy(asc(members.createdAt))
    .limit(1)
  if (!owner) throw new DomainError('not_found', `family ${familyId} has no active owner`)
  return await memberActor(tx, owner.id)
}

/**
 * An active member as an ActorContext on their preferred channel, for requests that carry no sender of
 * their own (a calendar feed's token, the owner's CLI): they act as that member, with that role.
 */
export async function memberActor(tx: Tx, memberId: string): Promise<ActorContext> {
  const [row] = await tx
    .select({ member: members, family: families })
    .from(members)
    .innerJoin(families, eq(families.id, members.familyId))
    .where(and(eq(members.id, memberId), eq(members.status, 'active')))
  if (!row) throw new DomainError('not_found', `member ${memberId} is not active`)
  const identities = await tx
    .select()
    .from(channelIdentities)
    .where(eq(channelIdentities.memberId, row.member.id))
    .orderBy(asc(channelIdentities.createdAt))
  // The member's preferred channel that they have an identity for; a phone covers SMS and WhatsApp.
  const route = row.member.channelOrder
    .map((channel) => ({
      channel,
      identity: identities.find((i) => i.kind === (channel === 'slack' ? 'slack' : 'phone')),
    }))
    .find((r) => r.identity)
  if (!route?.identity) throw new DomainError('not_found', `member ${memberId} has no channel identity`)
  return {
    familyId: row.member.familyId,
    memberId: row.member.id,
    role: row.member.role,
    channel: route.channel,
    address: route.identity.address,
    timezone: row.family.timezone,
    locale: row.family.locale,
  }
}

/** Families, for the CLI and the dev console. */
export async function listFamilies(tx: Tx) {
  const rows = await tx.select().from(families).orderBy(asc(families.createdAt))
  const counts = await tx
    .select({ familyId: members.familyId, id: members.id })
    .from(members)
    .where(eq(members.status, 'active'))
  return rows.map((f) => ({ ...f, members: counts.filter((c) => c.familyId === f.id).length }))
}

/** A family by id or exact name (the CLI accepts either). */
export async function findFamily(tx: Tx, idOrName: string): Promise<Family> {
  const byId = await tx.select().from(families).where(eq(families.id, idOrName))
  if (byId[0]) return byId[0]
  const byName = await tx.select().from(families).where(eq(families.name, idOrName))
  if (byName.length === 1 && byName[0]) return byName[0]
  if (byName.length > 1) throw new DomainError('conflict', `more than one family is named "${idOrName}"; use the id`)
  throw new DomainError('not_found', `no family with id or name "${idOrName}"`)
}

/**
 * Who hears about a red flag: the family's owner and parents (admins), and for an emergency also every
 * emergency contact. The sender is left out: they already have the reply.
 */
export async function alertRecipients(
  tx: Tx,
  actor: ActorContext,
  { emergency }: { emergency: boolean },
): Promise<Member[]> {
  const rows = await tx
    .select()
    .from(members)
    .where(and(eq(members.familyId, actor.familyId), eq(members.status, 'active')))
    .orderBy(asc(members.createdAt))
  return rows.filter(
    (m) => m.id !== actor.memberId && (m.role === 'owner' || m.role === 'admin' || (emergency && m.emergencyContact)),
  )
}
