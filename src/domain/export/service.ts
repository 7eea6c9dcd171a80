import { asc, eq, inArray } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { auditLog } from '../audit/schema.js'
import type { feeds } from '../care-log/schema.js'
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
import { optOuts } from '../optouts/schema.js'
import { type RecordSection, recordTables, SEALED_COLUMNS, type SectionName } from './record-tables.js'

/**
 * Bumped when a field changes meaning or disappears, so `import` can tell what it reads.
 * 2: the care log, medications and the medical record (notes opened).
 * 3: schedules (reminders and what they sent) and SOS incidents.
 * 4: nanny shifts, skipped days and clocked hours.
 */
export const EXPORT_VERSION = 4

export type ExportedFamily = Family
export type ExportedDependent = typeof dependents.$inferSelect
export type ExportedInvitation = Invitation
export type ExportedAuditEntry = typeof auditLog.$inferSelect
export type ExportedOptOut = typeof optOuts.$inferSelect

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
  careLog: RecordSection<'careLog'>
  medications: RecordSection<'medications'>
  medical: RecordSection<'medical'>
  schedules: RecordSection<'schedules'>
  sos: RecordSection<'sos'>
  nanny: RecordSection<'nanny'>
  /** The opt-out state of the members' phones: STOP sent to the old server still holds on the new one. */
  optOuts: ExportedOptOut[]
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
  const phones = identityRows.filter((i) => i.kind === 'phone').map((i) => i.address)
  const sections = await readSections(tx, familyId)
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
    careLog: sections.careLog as RecordSection<'careLog'>,
    medications: sections.medications as RecordSection<'medications'>,
    medical: sections.medical as RecordSection<'medical'>,
    schedules: sections.schedules as RecordSection<'schedules'>,
    sos: sections.sos as RecordSection<'sos'>,
    nanny: sections.nanny as RecordSection<'nanny'>,
    optOuts: phones.length
      ? await tx
          .select()
          .from(optOuts)
          .where(inArray(optOuts.address, phones))
          .orderBy(asc(optOuts.address), asc(optOuts.channel))
      : [],
    audit: await tx
      .select()
      .from(auditLog)
      .where(eq(auditLog.familyId, familyId))
      .orderBy(asc(auditLog.at), asc(auditLog.id)),
  }
}

/** Every record table's rows for the family, oldest first, with sealed notes opened. */
async function readSections(tx: Tx, familyId: string) {
  const out: Record<SectionName, Record<string, unknown[]>> = {
    careLog: {},
    medications: {},
    medical: {},
    schedules: {},
    sos: {},
    nanny: {},
  }
  for (const { section, key, table } of recordTables()) {
    // Every record table has id, familyId and createdAt; typed as one of them to query those three.
    const t = table as typeof feeds
    const rows = await tx.select().from(t).where(eq(t.familyId, familyId)).orderBy(asc(t.createdAt), asc(t.id))
    const sealed = SEALED_COLUMNS.get(table)
    out[section][key] = sealed ? rows.map((r) => openColumn(tx, r, sealed)) : rows
  }
  return withoutPrivateSchedules(out)
}

/**
 * A member's cycle tracking is hers, not the family's (docs/decisions/0028-cycles.md): the cycle tables
 * are not record tables at all, and her `cycle` reminder schedules and their runs are dropped here, so
 * the family export never says when anyone expects a period.
 */
function withoutPrivateSchedules<T extends Record<SectionName, Record<string, unknown[]>>>(out: T): T {
  const all = (out.schedules.schedules ?? []) as { id: string; kind: string }[]
  const hidden = new Set(all.filter((s) => PRIVATE_SCHEDULE_KINDS.has(s.kind)).map((s) => s.id))
  if (!hidden.size) return out
  out.schedules.schedules = all.filter((s) => !hidden.has(s.id))
  out.schedules.runs = ((out.schedules.runs ?? []) as { scheduleId: string }[]).filter((r) => !hidden.has(r.scheduleId))
  return out
}

const PRIVATE_SCHEDULE_KINDS = new Set(['cycle'])

function openColumn<R extends object>(tx: Tx, row: R, column: string): R {
  const value = (row as Record<string, string | null>)[column] ?? null
  return { ...row, [column]: tx.fields.open(value) }
}
