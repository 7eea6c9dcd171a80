/** Changes to the family record: creating a family, inviting, accepting, declining, removing. */
import { and, asc, count, eq, gt, ne } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import type { ActorContext } from '../actor.js'
import { recordAudit } from '../audit/service.js'
import { DomainError } from '../errors.js'
import { activeShifts, stopShift } from '../nanny/service.js'
import { enqueueOutbox, enqueueToMember } from '../outbox/service.js'
import { getFamily, getMember } from './queries.js'
import {
  type Channel,
  channelIdentities,
  type Family,
  families,
  type IdentityKind,
  type Invitation,
  invitations,
  type Member,
  members,
  type Role,
  type Sender,
} from './schema.js'
import { familyPhrase, roleWord } from './words.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** An invitation stays open a week; after that the inviter asks again. */
export const INVITATION_TTL_MS = 7 * DAY_MS

/**
 * Invitations are texts to people who never asked for them, so they are rationed: a family sends at
 * most 10 a day (enough to set up parents, a nanny, grandparents and emergency contacts), and a person
 * who answered NO is not asked again by that family for 30 days. This keeps our number — the one that
 * carries SOS alerts — from being used to pester strangers, and out of carrier spam filters.
 */
export const INVITATIONS_PER_DAY = 10
export const DECLINE_QUIET_MS = 30 * DAY_MS

const otherPhoneChannel = (c: Channel): Channel[] =>
  c === 'whatsapp' ? ['whatsapp', 'sms'] : c === 'sms' ? ['sms', 'whatsapp'] : [c]

export interface CreateFamilyInput {
  name: string
  timezone: string
  locale: string
  owner: { name: string; sender: Sender }
}

/** Creates a family with its owner, who is active at once (they asked for it). */
export async function createFamily(
  tx: Tx,
  now: Date,
  input: CreateFamilyInput,
): Promise<{ family: Family; owner: Member }> {
  await assertAddressFree(tx, input.owner.sender.kind, input.owner.sender.address)
  const family: Family = {
    id: newId('fam'),
    name: input.name,
    timezone: input.timezone,
    locale: input.locale,
    createdAt: now,
  }
  await tx.insert(families).values(family)
  const owner = await insertMember(tx, now, {
    familyId: family.id,
    name: input.owner.name,
    role: 'owner',
    status: 'active',
    channelOrder: otherPhoneChannel(input.owner.sender.channel),
    emergencyContact: true,
    joinedAt: now,
  })
  await addIdentity(tx, now, owner, input.owner.sender.kind, input.owner.sender.address)
  await recordAudit(tx, now, {
    familyId: family.id,
    actorMemberId: owner.id,
    action: 'family.create',
    subjectType: 'family',
    subjectId: family.id,
  })
  return { family, owner }
}

export interface InviteInput {
  name: string
  role: Exclude<Role, 'owner'>
  emergencyContact: boolean
  kind: IdentityKind
  /** E.164 for phones. */
  address: string
}

/**
 * Invites a person: a member row in `invited` state and a pending invitation, texted to them. They join
 * only by answering YES (acceptInvitation); until then they see nothing of the family.
 */
export async function inviteMember(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: InviteInput,
): Promise<{ member: Member; invitation: Invitation }> {
  await assertAddressFree(tx, input.kind, input.address)
  await assertInvitationAllowed(tx, actor, now, input)
  const open = await pendingInvitationsFor(tx, now, input.kind, input.address)
  if (open.some((i) => i.familyId === actor.familyId)) {
    throw new DomainError('conflict', 'invitation already pending', `${input.name} already has an invitation waiting.`)
  }
  const family = await getFamily(tx, actor.familyId)
  const inviter = await getMember(tx, actor, actor.memberId)
  const member = await insertMember(tx, now, {
    familyId: actor.familyId,
    name: input.name,
    role: input.role,
    status: 'invited',
    channelOrder: input.kind === 'slack' ? ['slack'] : ['sms', 'whatsapp'],
    emergencyContact: input.emergencyContact,
    invitedBy: actor.memberId,
  })
  const invitation: Invitation = {
    id: newId('inv'),
    familyId: actor.familyId,
    memberId: member.id,
    invitedBy: actor.memberId,
    kind: input.kind,
    address: input.address,
    status: 'pending',
    createdAt: now,
    expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    respondedAt: null,
    response: null,
  }
  await tx.insert(invitations).values(invitation)
  const what = input.emergencyContact && input.role === 'viewer' ? 'an emergency contact' : `a ${roleWord(input.role)}`
  await enqueueOutbox(tx, now, {
    idempotencyKey: `invitation:${invitation.id}`,
    // An invitation goes by SMS: WhatsApp only allows business-initiated messages as approved templates.
    channel: input.kind === 'slack' ? 'slack' : 'sms',
    toAddress: input.address,
    familyId: actor.familyId,
    memberId: member.id,
    kind: 'invitation',
    body:
      `Hi ${input.name}, ${inviter.name} invited you to join ${familyPhrase(family.name)} on MedNanny as ${what}. ` +
      'MedNanny keeps the family’s care record and reminders by text. Reply YES to join or NO to decline.',
  })
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action: 'member.invite',
    subjectType: 'member',
    subjectId: member.id,
    detail: { role: input.role, emergencyContact: input.emergencyContact },
  })
  return { member, invitation }
}

export async function pendingInvitationsFor(tx: Tx, now: Date, kind: IdentityKind, address: string) {
  return tx
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.kind, kind),
        eq(invitations.address, address),
        eq(invitations.status, 'pending'),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(asc(invitations.createdAt))
}

/** The invitee said YES: they become an active member reachable on the channel they answered from. */
export async function acceptInvitation(
  tx: Tx,
  now: Date,
  invitation: Invitation,
  { response, channel }: { response: string; channel: Channel },
): Promise<{ member: Member; family: Family }> {
  await assertAddressFree(tx, invitation.kind, invitation.address)
  await tx
    .update(invitations)
    .set({ status: 'accepted', respondedAt: now, response })
    .where(eq(invitations.id, invitation.id))
  await tx
    .update(members)
    .set({ status: 'active', joinedAt: now, channelOrder: otherPhoneChannel(channel) })
    .where(eq(members.id, invitation.memberId))
  const [member] = await tx.select().from(members).where(eq(members.id, invitation.memberId))
  if (!member) throw new DomainError('not_found', `member ${invitation.memberId}`)
  await addIdentity(tx, now, member, invitation.kind, invitation.address)
  // Another family's invitation to the same address can no longer be accepted: one address, one family.
  await tx
    .update(invitations)
    .set({ status: 'revoked', respondedAt: now })
    .where(
      and(
        eq(invitations.kind, invitation.kind),
        eq(invitations.address, invitation.address),
        eq(invitations.status, 'pending'),
      ),
    )
  const family = await getFamily(tx, invitation.familyId)
  await enqueueToMember(tx, now, {
    idempotencyKey: `invitation-accepted:${invitation.id}`,
    memberId: invitation.invitedBy,
    familyId: family.id,
    kind: 'notice',
    body: `${member.name} joined ${familyPhrase(family.name)} on MedNanny as ${roleWord(member.role)}.`,
  })
  await recordAudit(tx, now, {
    familyId: family.id,
    actorMemberId: member.id,
    action: 'invitation.accept',
    subjectType: 'invitation',
    subjectId: invitation.id,
  })
  return { member, family }
}

export async function declineInvitation(tx: Tx, now: Date, invitation: Invitation, response: string): Promise<void> {
  await tx
    .update(invitations)
    .set({ status: 'declined', respondedAt: now, response })
    .where(eq(invitations.id, invitation.id))
  await tx.update(members).set({ status: 'declined' }).where(eq(members.id, invitation.memberId))
  await recordAudit(tx, now, {
    familyId: invitation.familyId,
    action: 'invitation.decline',
    subjectType: 'invitation',
    subjectId: invitation.id,
  })
}

/** Removes a member: they keep nothing, their address is freed. The owner cannot be removed. */
export async function removeMember(tx: Tx, actor: ActorContext, now: Date, memberId: string): Promise<Member> {
  const member = await getMember(tx, actor, memberId)
  if (member.role === 'owner') {
    throw new DomainError('forbidden', 'owner cannot be removed', 'The family’s owner can’t be removed.')
  }
  if (member.id === actor.memberId) {
    throw new DomainError('invalid_input', 'self removal', 'You can’t remove yourself; ask another admin.')
  }
  await tx.update(members).set({ status: 'removed', removedAt: now }).where(eq(members.id, member.id))
  await tx.delete(channelIdentities).where(eq(channelIdentities.memberId, member.id))
  // A caregiver who leaves works no more shifts: no reminders to her, no missed clock-in alarms.
  for (const shift of await activeShifts(tx, actor, member.id)) await stopShift(tx, actor, now, shift.id)
  await tx
    .update(invitations)
    .set({ status: 'revoked', respondedAt: now })
    .where(and(eq(invitations.memberId, member.id), eq(invitations.status, 'pending')))
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action: 'member.remove',
    subjectType: 'member',
    subjectId: member.id,
  })
  return member
}

export async function updateFamilySettings(
  tx: Tx,
  actor: ActorContext,
  patch: { timezone?: string; name?: string },
): Promise<void> {
  await tx.update(families).set(patch).where(eq(families.id, actor.familyId))
}

/**
 * Seeds an active member without an invitation — for the demo family only. Joining needs consent (a YES),
 * so this refuses any number outside the fictional +1 555 01xx range that no real person can hold.
 */
export async function seedDemoMember(
  tx: Tx,
  now: Date,
  familyId: string,
  m: { name: string; role: Exclude<Role, 'owner'>; phone: string; emergencyContact?: boolean },
): Promise<Member> {
  if (!/^\+1555010\d{4}$/.test(m.phone)) {
    throw new DomainError('invalid_input', 'demo members use fictional +1 555 01xx numbers only')
  }
  await assertAddressFree(tx, 'phone', m.phone)
  const member = await insertMember(tx, now, {
    familyId,
    name: m.name,
    role: m.role,
    status: 'active',
    channelOrder: ['sms', 'whatsapp'],
    emergencyContact: m.emergencyContact ?? false,
    joinedAt: now,
  })
  await addIdentity(tx, now, member, 'phone', m.phone)
  return member
}

async function insertMember(
  tx: Tx,
  now: Date,
  m: Omit<Member, 'id' | 'createdAt' | 'joinedAt' | 'removedAt' | 'invitedBy' | 'emergencyContact'> &
    Partial<Pick<Member, 'joinedAt' | 'invitedBy' | 'emergencyContact'>>,
): Promise<Member> {
  const member: Member = {
    id: newId('mem'),
    createdAt: now,
    joinedAt: null,
    removedAt: null,
    invitedBy: null,
    emergencyContact: false,
    ...m,
  }
  await tx.insert(members).values(member)
  return member
}

/** Attaches a channel identity to a member; callers check `assertAddressFree` first. */
export async function addIdentity(tx: Tx, now: Date, member: Member, kind: IdentityKind, address: string) {
  await tx.insert(channelIdentities).values({
    id: newId('cid'),
    memberId: member.id,
    familyId: member.familyId,
    kind,
    address,
    createdAt: now,
  })
}

/** One address belongs to one active member (docs/decisions/0005-one-family-per-address.md). */
export async function assertAddressFree(tx: Tx, kind: IdentityKind, address: string) {
  const [taken] = await tx
    .select({ memberId: channelIdentities.memberId })
    .from(channelIdentities)
    .innerJoin(members, eq(members.id, channelIdentities.memberId))
    .where(and(eq(channelIdentities.kind, kind), eq(channelIdentities.address, address), ne(members.status, 'removed')))
  if (taken) {
    throw new DomainError(
      'conflict',
      'address already belongs to a member',
      'That number already belongs to someone in a MedNanny family.',
    )
  }
}

async function assertInvitationAllowed(tx: Tx, actor: ActorContext, now: Date, input: InviteInput) {
  const [today] = await tx
    .select({ n: count() })
    .from(invitations)
    .where(and(eq(invitations.familyId, actor.familyId), gt(invitations.createdAt, new Date(now.getTime() - DAY_MS))))
  if ((today?.n ?? 0) >= INVITATIONS_PER_DAY) {
    throw new DomainError(
      'limit_exceeded',
      'daily invitation limit',
      `Your family has sent ${INVITATIONS_PER_DAY} invitations today. To keep MedNanny from texting people who didn’t ask, you can send more tomorrow.`,
    )
  }
  const [declined] = await tx
    .select({ at: invitations.respondedAt })
    .from(invitations)
    .where(
      and(
        eq(invitations.familyId, actor.familyId),
        eq(invitations.kind, input.kind),
        eq(invitations.address, input.address),
        eq(invitations.status, 'declined'),
        gt(invitations.respondedAt, new Date(now.getTime() - DECLINE_QUIET_MS)),
      ),
    )
  if (declined) {
    throw new DomainError(
      'conflict',
      'invitee declined recently',
      `${input.name} declined an invitation from your family recently, so I won’t text them again for 30 days.`,
    )
  }
}
