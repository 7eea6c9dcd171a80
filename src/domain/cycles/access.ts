/**
 * Who may see whose cycles — the one place that decides it, on every call, from the verified actor:
 * - her own: always (any role; the record is hers, not the family's);
 * - another member's: only when that member shares hers with the actor (cycle_shares), and then to read;
 * - nobody writes another member's cycles, whatever their role (an owner or admin included).
 * A refusal is `not_found` with the same words whether or not she tracks anything, so asking does not
 * tell anyone that she does. See docs/decisions/0028-cycles.md.
 */
import { and, eq } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../actor.js'
import { DomainError } from '../errors.js'
import { members } from '../families/schema.js'
import { cycleShares } from './schema.js'

export interface CycleOwner {
  memberId: string
  name: string
  /** True when the actor reads their own cycles. */
  self: boolean
}

const SELF = /^(me|myself|mine|my|i|self)$/i

export const notShared = (who: string) =>
  new DomainError('not_found', 'cycles not shared with actor', `${who} hasn’t shared cycle tracking with you.`)

/** The member whose cycles a read is about: the actor, or `whose` (a name) when she shares with the actor. */
export async function readableOwner(tx: Tx, actor: ActorContext, whose?: string): Promise<CycleOwner> {
  const me = await activeMember(tx, actor)
  const wanted = whose?.trim()
  const lower = wanted?.toLowerCase()
  const myNames = [me.id.toLowerCase(), me.name.toLowerCase(), me.name.toLowerCase().split(/\s+/)[0]]
  if (!wanted || !lower || SELF.test(wanted) || myNames.includes(lower)) {
    return { memberId: me.id, name: me.name, self: true }
  }
  const candidates = await tx
    .select({ id: members.id, name: members.name })
    .from(cycleShares)
    .innerJoin(members, eq(members.id, cycleShares.ownerMemberId))
    .where(
      and(
        eq(cycleShares.familyId, actor.familyId),
        eq(cycleShares.viewerMemberId, actor.memberId),
        eq(members.status, 'active'),
      ),
    )
  const found =
    candidates.find((m) => m.id === wanted || m.name.toLowerCase() === lower) ??
    candidates.find((m) => m.name.toLowerCase().split(/\s+/)[0] === lower)
  if (!found) throw notShared(wanted)
  return { memberId: found.id, name: found.name, self: false }
}

/** The actor as the owner of what they write: writes are only ever to one's own cycles. */
export async function writableOwner(tx: Tx, actor: ActorContext): Promise<CycleOwner> {
  const me = await activeMember(tx, actor)
  return { memberId: me.id, name: me.name, self: true }
}

async function activeMember(tx: Tx, actor: ActorContext) {
  const [me] = await tx
    .select({ id: members.id, name: members.name, status: members.status })
    .from(members)
    .where(and(eq(members.id, actor.memberId), eq(members.familyId, actor.familyId)))
  if (me?.status !== 'active') throw new DomainError('forbidden', 'cycles: inactive member')
  return me
}
