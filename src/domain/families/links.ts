/** One-time link codes: attaching a Slack account to an existing member (docs/decisions/0023-slack.md). */
import { createHash } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { newCode, newId } from '../../lib/ids.js'
import type { ActorContext } from '../actor.js'
import { recordAudit } from '../audit/service.js'
import { DomainError } from '../errors.js'
import { findMemberByName, getFamily } from './queries.js'
import {
  type Channel,
  channelIdentities,
  type Family,
  type IdentityKind,
  linkCodes,
  type Member,
  members,
  type Sender,
} from './schema.js'
import { addIdentity } from './service.js'

/** A code is typed within minutes of being handed over; after 15 it is useless to whoever finds it. */
export const LINK_CODE_TTL_MS = 15 * 60 * 1000
/** 10 characters of a 31-letter alphabet: about 49 bits, far beyond guessing in 15 minutes. */
const CODE_LENGTH = 10

/** Codes are compared without case, spaces or dashes ("abcd-efgh-jk" is "ABCDEFGHJK"). */
export function normalizeLinkCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase()
}

function hashCode(code: string): string {
  return createHash('sha256').update(normalizeLinkCode(code)).digest('hex')
}

export interface CreatedLinkCode {
  code: string
  expiresAt: Date
  member: Member
}

/**
 * Creates a link code for an active member of the actor's family. Only the hash is stored, so the
 * printed code is the only copy. A new code for the same member leaves older ones to expire.
 */
export async function createLinkCode(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { memberName: string; kind: IdentityKind },
): Promise<CreatedLinkCode> {
  const member = await findMemberByName(tx, actor, input.memberName)
  if (member.status !== 'active') {
    throw new DomainError(
      'invalid_input',
      'member not active',
      `${member.name} hasn’t joined yet: they answer their invitation first.`,
    )
  }
  const code = newCode(CODE_LENGTH)
  const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS)
  const id = newId('lnk')
  await tx.insert(linkCodes).values({
    id,
    familyId: actor.familyId,
    memberId: member.id,
    kind: input.kind,
    codeHash: hashCode(code),
    createdBy: actor.memberId,
    createdAt: now,
    expiresAt,
    usedAt: null,
  })
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action: 'link_code.create',
    subjectType: 'member',
    subjectId: member.id,
    detail: { kind: input.kind, linkCodeId: id },
  })
  return { code, expiresAt, member }
}

export type RedeemResult = { linked: true; member: Member; family: Family } | { linked: false }

/**
 * The sender typed a code: when it is valid (unused, unexpired, for their kind of identity, its member
 * still active) their identity joins that member, who can now be reached on this channel too. Typing
 * the code from the new account is the member's consent. An invalid code reveals nothing.
 */
export async function redeemLinkCode(tx: Tx, now: Date, sender: Sender, code: string): Promise<RedeemResult> {
  const [row] = await tx
    .select()
    .from(linkCodes)
    .where(and(eq(linkCodes.codeHash, hashCode(code)), eq(linkCodes.kind, sender.kind), isNull(linkCodes.usedAt)))
  if (!row || row.expiresAt <= now) return { linked: false }
  const [member] = await tx.select().from(members).where(eq(members.id, row.memberId))
  if (member?.status !== 'active') return { linked: false }
  const [taken] = await tx
    .select({ memberId: channelIdentities.memberId })
    .from(channelIdentities)
    .where(and(eq(channelIdentities.kind, sender.kind), eq(channelIdentities.address, sender.address)))
  if (taken) {
    throw new DomainError(
      'conflict',
      'identity already linked',
      'This account is already linked to someone in a MedNanny family.',
    )
  }
  await tx.update(linkCodes).set({ usedAt: now }).where(eq(linkCodes.id, row.id))
  await addIdentity(tx, now, member, sender.kind, sender.address)
  // Reachable on the new channel too, after the channels they already prefer.
  const channelOrder: Channel[] = member.channelOrder.includes(sender.channel)
    ? member.channelOrder
    : [...member.channelOrder, sender.channel]
  await tx.update(members).set({ channelOrder }).where(eq(members.id, member.id))
  await recordAudit(tx, now, {
    familyId: member.familyId,
    actorMemberId: member.id,
    action: 'identity.link',
    subjectType: 'member',
    subjectId: member.id,
    detail: { kind: sender.kind, linkCodeId: row.id },
  })
  return { linked: true, member: { ...member, channelOrder }, family: await getFamily(tx, member.familyId) }
}
