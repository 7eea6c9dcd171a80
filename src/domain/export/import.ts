/**
 * `mednanny import`: reads back exactly what `export --format json` wrote, so a family can move between
 * servers and tests can seed a record with history. The file is validated whole (zod schemas derived
 * from the tables by drizzle-zod, plus the export's own member shape) before anything is written, and
 * the rows go in with their ids in one transaction: a bad file changes nothing.
 * See docs/decisions/0017-import.md.
 */
import { and, eq, getTableColumns, getTableName } from 'drizzle-orm'
import { createSelectSchema, jsonSchema } from 'drizzle-zod'
import { z } from 'zod'
import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import { isTimezone } from '../../lib/timezone.js'
import { auditLog } from '../audit/schema.js'
import { recordAudit } from '../audit/service.js'
import { dependents } from '../dependents/schema.js'
import { DomainError } from '../errors.js'
import {
  CHANNELS,
  channelIdentities,
  families,
  IDENTITY_KINDS,
  invitations,
  MEMBER_STATUSES,
  members,
  ROLES,
} from '../families/schema.js'
import { Schedule } from '../medications/input.js'
import { medications } from '../medications/schema.js'
import { optOuts } from '../optouts/schema.js'
import { RECORD_SECTIONS, type RecordTable, recordTables, SEALED_COLUMNS } from './record-tables.js'
import { EXPORT_VERSION, type FamilyExport } from './service.js'

/** A time as export writes it (ISO 8601 with an offset), read back as a Date. */
const isoTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s))

type AnyTable = Parameters<typeof getTableColumns>[0]

/** The row schema of a table, strict, with its timestamp columns read from ISO text. */
function rowSchema(table: AnyTable, extra: Record<string, z.ZodType> = {}) {
  const columns = Object.entries(getTableColumns(table))
  const times = Object.fromEntries(
    columns.filter(([, c]) => c.dataType === 'date').map(([key, c]) => [key, c.notNull ? isoTime : isoTime.nullable()]),
  )
  // JSON columns are a custom type (db/columns.ts), which drizzle-zod reads as "anything", even absent.
  const jsons = Object.fromEntries(
    columns
      .filter(([, c]) => c.columnType === 'SQLiteCustomColumn')
      .map(([key, c]) => [key, c.notNull ? jsonSchema : jsonSchema.nullable()]),
  )
  // drizzle-zod's generics cannot see through AnyTable; the schema is still built from the real columns.
  const build = createSelectSchema as unknown as (t: AnyTable, refine: Record<string, z.ZodType>) => z.ZodObject
  return build(table, { ...times, ...jsons, ...extra }).strict()
}

const MemberSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    role: z.enum(ROLES),
    status: z.enum(MEMBER_STATUSES),
    emergencyContact: z.boolean(),
    channelOrder: z.array(z.enum(CHANNELS)),
    identities: z.array(z.object({ kind: z.enum(IDENTITY_KINDS), address: z.string().min(1) }).strict()),
    invitedBy: z.string().nullable(),
    createdAt: isoTime,
    joinedAt: isoTime.nullable(),
    removedAt: isoTime.nullable(),
  })
  .strict()

function sectionSchema(section: keyof typeof RECORD_SECTIONS) {
  const shape = Object.fromEntries(
    Object.entries(RECORD_SECTIONS[section]).map(([key, table]) => [
      key,
      z.array(rowSchema(table, table === medications ? { schedule: Schedule } : {})),
    ]),
  )
  return z.object(shape).strict()
}

const ExportSchema = z
  .object({
    version: z.literal(EXPORT_VERSION),
    exportedAt: isoTime,
    family: rowSchema(families).refine((f) => isTimezone(String(f.timezone)), {
      message: 'not a known IANA time zone',
      path: ['timezone'],
    }),
    members: z.array(MemberSchema).min(1),
    dependents: z.array(rowSchema(dependents)),
    invitations: z.array(rowSchema(invitations)),
    careLog: sectionSchema('careLog'),
    medications: sectionSchema('medications'),
    medical: sectionSchema('medical'),
    schedules: sectionSchema('schedules'),
    sos: sectionSchema('sos'),
    nanny: sectionSchema('nanny'),
    optOuts: z.array(rowSchema(optOuts)),
    audit: z.array(rowSchema(auditLog)),
  })
  .strict()

export interface ImportResult {
  familyId: string
  familyName: string
  /** Rows written per table (SQL names), for the operator's summary line. */
  counts: Record<string, number>
}

/**
 * Validates `file` (parsed JSON) and writes the family it holds. `expected` is the family's id or name
 * as the operator typed it, checked against the file so the wrong file is not imported by accident.
 */
export async function importFamily(tx: Tx, now: Date, file: unknown, expected: string): Promise<ImportResult> {
  const record = parseExport(file)
  const { family } = record
  if (expected !== family.id && expected !== family.name) {
    throw invalid(`the file holds family "${family.name}" (${family.id}), not "${expected}"`)
  }
  const [existing] = await tx.select({ id: families.id }).from(families).where(eq(families.id, family.id))
  if (existing)
    throw new DomainError('conflict', `family ${family.id} is already on this server; import adds new families only`)
  assertOneFamily(record)

  const counts: Record<string, number> = {}
  const put = async (name: string, table: AnyTable, rows: object[]) => {
    for (const row of rows) await tx.insert(table as typeof families).values(row as typeof families.$inferInsert)
    counts[name] = rows.length
  }
  await put('families', families, [family])
  await put(
    'members',
    members,
    record.members.map(({ identities: _, ...m }) => ({ ...m, familyId: family.id })),
  )
  counts.channel_identities = await putIdentities(tx, record)
  await put('dependents', dependents, record.dependents)
  await put('invitations', invitations, record.invitations)
  for (const { section, key, table } of recordTables()) {
    const rows = settled(section, key, (record[section] as Record<string, object[]>)[key] ?? [], now)
    await put(getTableName(table), table, sealRows(tx, table, rows))
  }
  counts.opt_outs = await putOptOuts(tx, record.optOuts)
  await put('audit_log', auditLog, record.audit)
  await recordAudit(tx, now, {
    familyId: family.id,
    action: 'family.import',
    subjectType: 'family',
    subjectId: family.id,
    detail: { via: 'cli', exportedAt: record.exportedAt.toISOString(), version: record.version },
  })
  return { familyId: family.id, familyName: family.name, counts }
}

function parseExport(file: unknown): FamilyExport {
  const version = (file as { version?: unknown } | null)?.version
  if (typeof version === 'number' && version !== EXPORT_VERSION) {
    throw invalid(`the file is export version ${version}; this server reads version ${EXPORT_VERSION}`)
  }
  const parsed = ExportSchema.safeParse(file)
  if (!parsed.success) {
    const [first] = parsed.error.issues
    const where = first?.path.join('.') || 'file'
    throw invalid(`${where}: ${first?.message ?? 'not an export'} (${parsed.error.issues.length} problem(s) in all)`)
  }
  return parsed.data as unknown as FamilyExport
}

/** Every row must belong to the family in the file: an edited file must not write into another family. */
function assertOneFamily(record: FamilyExport): void {
  const id = record.family.id
  const rows: { familyId: string | null }[] = [
    ...record.dependents,
    ...record.invitations,
    ...record.audit,
    ...recordTables().flatMap(
      ({ section, key }) => (record[section] as Record<string, { familyId: string }[]>)[key] ?? [],
    ),
  ]
  const stray = rows.find((r) => r.familyId !== id)
  if (stray) throw invalid(`a row belongs to family ${String(stray.familyId)}, not ${id}`)
  assertReferencesInFile(record)
}

/** Columns that point at a member, a dependent, a regimen, a provider or a schedule. */
const REFERENCES: Record<string, 'members' | 'dependents' | 'medications' | 'providers' | 'schedules'> = {
  memberId: 'members',
  loggedBy: 'members',
  recordedBy: 'members',
  givenBy: 'members',
  createdBy: 'members',
  openedBy: 'members',
  acknowledgedBy: 'members',
  responsibleMemberId: 'members',
  dependentId: 'dependents',
  medicationId: 'medications',
  providerId: 'providers',
  scheduleId: 'schedules',
}

/**
 * Every id a row points at must be one of the file's own rows: an edited file must not attach this
 * family's reminders, doses or SOS to another family's member or child already on this server.
 */
function assertReferencesInFile(record: FamilyExport): void {
  const ids = {
    members: new Set(record.members.map((m) => m.id)),
    dependents: new Set(record.dependents.map((d) => d.id)),
    medications: new Set(record.medications.regimens.map((m) => m.id)),
    providers: new Set(record.medical.providers.map((p) => p.id)),
    schedules: new Set(record.schedules.schedules.map((s) => s.id)),
  }
  const tables: [string, object[]][] = [
    ['dependents', record.dependents],
    ['invitations', record.invitations],
    ...recordTables().map(({ section, key }): [string, object[]] => [
      `${section}.${key}`,
      (record[section] as Record<string, object[]>)[key] ?? [],
    ]),
  ]
  for (const [where, rows] of tables) {
    for (const [i, row] of rows.entries()) {
      for (const [column, kind] of Object.entries(REFERENCES)) {
        const value = (row as Record<string, unknown>)[column]
        if (typeof value === 'string' && !ids[kind].has(value)) {
          throw invalid(`${where}.${i}.${column}: ${value} is not one of this file's ${kind}`)
        }
      }
    }
  }
}

/** Identities get fresh row ids; an address already on this server fails, unless its member was removed. */
async function putIdentities(tx: Tx, record: FamilyExport): Promise<number> {
  let written = 0
  for (const m of record.members) {
    for (const identity of m.identities) {
      const [taken] = await tx
        .select({ id: channelIdentities.id })
        .from(channelIdentities)
        .where(and(eq(channelIdentities.kind, identity.kind), eq(channelIdentities.address, identity.address)))
      if (taken && m.status === 'removed') continue // a former member's old number: nothing to reach
      if (taken)
        throw new DomainError(
          'conflict',
          `${identity.kind} ${identity.address} already belongs to a member on this server`,
        )
      await tx.insert(channelIdentities).values({
        id: newId('cid'),
        memberId: m.id,
        familyId: record.family.id,
        kind: identity.kind,
        address: identity.address,
        createdAt: m.joinedAt ?? m.createdAt,
      })
      written++
    }
  }
  return written
}

/** A STOP recorded on either server wins over an older state: the newer row is kept. */
async function putOptOuts(tx: Tx, rows: FamilyExport['optOuts']): Promise<number> {
  let written = 0
  for (const row of rows) {
    const [current] = await tx
      .select()
      .from(optOuts)
      .where(and(eq(optOuts.channel, row.channel), eq(optOuts.address, row.address)))
    if (current && current.updatedAt >= row.updatedAt) continue
    if (current) await tx.delete(optOuts).where(eq(optOuts.id, current.id))
    await tx.insert(optOuts).values(row)
    written++
  }
  return written
}

/**
 * An SOS still open in the file is not an emergency on the new server: it arrives closed, so the first
 * tick does not alert the whole family about an old incident.
 */
function settled(section: string, key: string, rows: object[], now: Date): object[] {
  if (section !== 'sos' || key !== 'incidents') return rows
  return rows.map((r) => {
    const i = r as { status: string; closedAt: Date | null }
    return i.status === 'open' || i.status === 'acknowledged'
      ? { ...i, status: 'resolved', closedAt: i.closedAt ?? now, nextEscalationAt: null }
      : i
  })
}

function sealRows(tx: Tx, table: RecordTable, rows: object[]): object[] {
  const column = SEALED_COLUMNS.get(table)
  if (!column) return rows
  return rows.map((r) => ({ ...r, [column]: tx.fields.seal((r as Record<string, string | null>)[column] ?? null) }))
}

const invalid = (message: string) => new DomainError('invalid_input', `import: ${message}`)
