import { asc, eq } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { auditLog } from '../audit/schema.js'
import { dependents } from '../dependents/schema.js'
import { DomainError } from '../errors.js'
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
} from '../families/schema.js'

/** Bumped when a field changes meaning or disappears, so `import` can tell what it reads. */
export const EXPORT_VERSION = 1

export type ExportedFamily = Family
export type ExportedDependent = typeof dependents.$inferSelect
export type ExportedInvitation = Invitation
export type ExportedAuditEntry = typeof auditLog.$inferSelect

export interface ExportedMember {
  id: string
  name: string
  role: Member['role']
  status: Member['status']
  emergencyContact: boolean
  /** The channels to try, in the member's order. */
  channelOrder: Channel[]
  /** How the member is recognised: a phone (SMS and WhatsApp) or a Slack team:user. Empty until they join. */
  identities: { kind: IdentityKind; address: string }[]
  invitedBy: string | null
  createdAt: Date
  joinedAt: Date | null
  removedAt: Date | null
}

/** One family's whole record: what `mednanny export` writes and what `import` will read back. */
export interface FamilyExport {
  version: number
  exportedAt: Date
  family: ExportedFamily
  /** Every member ever added, removed and declined ones included, with their status. */
  members: ExportedMember[]
  /** Deleted dependents are included with `deletedAt` set: we still hold them, so the export shows them. */
  dependents: ExportedDependent[]
  invitations: ExportedInvitation[]
  audit: ExportedAuditEntry[]
}

/** Reads a family's record, oldest rows first. The caller found the family (findFamily). */
export async function exportFamily(tx: Tx, now: Date, familyId: string): Promise<FamilyExport> {
  const [family] = await tx.select().from(families).where(eq(families.id, familyId))
  if (!family) throw new DomainError('not_found', `family ${familyId}`)
  const memberRows = await tx
    .select()
    .from(members)
    .where(eq(members.familyId, familyId))
    .orderBy(asc(members.createdAt), asc(members.id))
  const identityRows = await tx
    .select()
    .from(channelIdentities)
    .where(eq(channelIdentities.familyId, familyId))
    .orderBy(asc(channelIdentities.createdAt), asc(channelIdentities.id))
  return {
    version: EXPORT_VERSION,
    exportedAt: now,
    family,
    members: memberRows.map((m) => ({
      id: m.id,
      name: m.name,
      role: m.role,
      status: m.status,
      emergencyContact: m.emergencyContact,
      channelOrder: m.channelOrder,
      identities: identityRows.filter((i) => i.memberId === m.id).map((i) => ({ kind: i.kind, address: i.address })),
      invitedBy: m.invitedBy,
      createdAt: m.createdAt,
      joinedAt: m.joinedAt,
      removedAt: m.removedAt,
    })),
    dependents: await tx
      .select()
      .from(dependents)
      .where(eq(dependents.familyId, familyId))
      .orderBy(asc(dependents.createdAt), asc(dependents.id)),
    invitations: await tx
      .select()
      .from(invitations)
      .where(eq(invitations.familyId, familyId))
      .orderBy(asc(invitations.createdAt), asc(invitations.id)),
    audit: await tx
      .select()
      .from(auditLog)
      .where(eq(auditLog.familyId, familyId))
      .orderBy(asc(auditLog.at), asc(auditLog.id)),
  }
}
