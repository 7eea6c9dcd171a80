import { getTableColumns, getTableName } from 'drizzle-orm'
import { optOuts } from '../optouts/schema.js'
import { recordTables } from './record-tables.js'
import type { FamilyExport } from './service.js'

/** A family's record flattened to named tables of text cells, the shape a CSV (or a spreadsheet) needs. */
export interface ExportTable {
  name: ExportTableName
  columns: string[]
  rows: string[][]
}

export const EXPORT_TABLES = [
  'family',
  'members',
  'dependents',
  'invitations',
  'feeds',
  'sleeps',
  'diapers',
  'temperatures',
  'growth',
  'care_notes',
  'medications',
  'doses',
  'allergies',
  'conditions',
  'providers',
  'visits',
  'immunizations',
  'schedules',
  'schedule_runs',
  'sos_incidents',
  'opt_outs',
  'audit',
] as const
export type ExportTableName = (typeof EXPORT_TABLES)[number]

/** Times as ISO 8601 UTC; absent values as empty cells; lists space- or semicolon-joined; details as JSON. */
const time = (d: Date | null | undefined) => d?.toISOString() ?? ''
const text = (v: string | null | undefined) => v ?? ''
const bool = (v: boolean) => (v ? 'true' : 'false')

/** One cell of a generic table: the same rules as the hand-written tables above. */
function cell(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return v.toISOString()
  if (typeof v === 'boolean') return bool(v)
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/** A table straight from its drizzle columns: SQL column names, cells in column order. */
function genericTable(table: Parameters<typeof getTableColumns>[0], rows: object[]): ExportTable {
  const columns = Object.entries(getTableColumns(table))
  return {
    name: getTableName(table) as ExportTableName,
    columns: columns.map(([, c]) => c.name),
    rows: rows.map((r) => columns.map(([key]) => cell((r as Record<string, unknown>)[key]))),
  }
}

export function exportTables(x: FamilyExport): ExportTable[] {
  const [head, audit] = [familyTables(x), auditTable(x)]
  const record = recordTables().map(({ section, key, table }) => {
    const rows = (x[section] as Record<string, object[]>)[key] ?? []
    return genericTable(table, rows)
  })
  return [...head, ...record, genericTable(optOuts, x.optOuts), audit]
}

function familyTables(x: FamilyExport): ExportTable[] {
  const f = x.family
  return [
    {
      name: 'family',
      columns: ['id', 'name', 'timezone', 'locale', 'created_at', 'export_version', 'exported_at'],
      rows: [[f.id, f.name, f.timezone, f.locale, time(f.createdAt), String(x.version), time(x.exportedAt)]],
    },
    {
      name: 'members',
      columns: [
        'id',
        'name',
        'role',
        'status',
        'emergency_contact',
        'channel_order',
        'phone',
        'slack',
        'invited_by',
        'created_at',
        'joined_at',
        'removed_at',
      ],
      rows: x.members.map((m) => [
        m.id,
        m.name,
        m.role,
        m.status,
        bool(m.emergencyContact),
        m.channelOrder.join(' '),
        m.identities.find((i) => i.kind === 'phone')?.address ?? '',
        m.identities.find((i) => i.kind === 'slack')?.address ?? '',
        text(m.invitedBy),
        time(m.createdAt),
        time(m.joinedAt),
        time(m.removedAt),
      ]),
    },
    {
      name: 'dependents',
      columns: ['id', 'name', 'nicknames', 'birth_date', 'sex', 'member_id', 'created_at', 'deleted_at'],
      rows: x.dependents.map((d) => [
        d.id,
        d.name,
        d.nicknames.join('; '),
        text(d.birthDate),
        text(d.sex),
        text(d.memberId),
        time(d.createdAt),
        time(d.deletedAt),
      ]),
    },
    {
      name: 'invitations',
      columns: [
        'id',
        'member_id',
        'invited_by',
        'kind',
        'address',
        'status',
        'created_at',
        'expires_at',
        'responded_at',
        'response',
      ],
      rows: x.invitations.map((i) => [
        i.id,
        i.memberId,
        i.invitedBy,
        i.kind,
        i.address,
        i.status,
        time(i.createdAt),
        time(i.expiresAt),
        time(i.respondedAt),
        text(i.response),
      ]),
    },
  ]
}

function auditTable(x: FamilyExport): ExportTable {
  return {
    name: 'audit',
    columns: ['id', 'at', 'action', 'actor_member_id', 'subject_type', 'subject_id', 'detail'],
    rows: x.audit.map((a) => [
      a.id,
      time(a.at),
      a.action,
      text(a.actorMemberId),
      a.subjectType,
      a.subjectId,
      a.detail ? JSON.stringify(a.detail) : '',
    ]),
  }
}
