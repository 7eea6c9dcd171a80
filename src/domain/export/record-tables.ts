/**
 * The family-record tables an export carries beyond the family itself, grouped as the export groups
 * them. Every one has `id`, `familyId` and `createdAt`, so one reader and one writer serve them all; the
 * notes columns are sealed at rest (DATA_ENCRYPTION_KEY) and travel opened.
 */
import { careNotes, diapers, feeds, growth, sleeps, temperatures } from '../care-log/schema.js'
import { allergies, conditions, immunizations, providers, visits } from '../medical/schema.js'
import { doses, medications } from '../medications/schema.js'
import { shiftPunches, shiftSkips, shifts } from '../nanny/schema.js'
import { scheduleRuns, schedules } from '../schedules/schema.js'
import { sosIncidents } from '../sos/schema.js'

export const RECORD_SECTIONS = {
  careLog: { feeds, sleeps, diapers, temperatures, growth, notes: careNotes },
  medications: { regimens: medications, doses },
  medical: { allergies, conditions, providers, visits, immunizations },
  /** Reminders, dose reminders, nudges, digests — with what each already sent, so none repeats. */
  schedules: { schedules, runs: scheduleRuns },
  sos: { incidents: sosIncidents },
  /** Caregivers' shifts, the days skipped, and the hours clocked (with the handoff notes). */
  nanny: { shifts, skips: shiftSkips, punches: shiftPunches },
} as const

type Sections = typeof RECORD_SECTIONS
export type SectionName = keyof Sections
export type RecordTable = { [S in SectionName]: Sections[S][keyof Sections[S]] }[SectionName]

/** Rows as the export writes them: one array per table, oldest first. */
export type RecordSection<S extends SectionName> = {
  [K in keyof Sections[S]]: Sections[S][K] extends { $inferSelect: infer R } ? R[] : never
}

/** The free-text columns sealed at rest, per table: opened on export, sealed again on import. */
export const SEALED_COLUMNS = new Map<RecordTable, string>([
  [careNotes, 'body'],
  [conditions, 'note'],
  [visits, 'notes'],
  [schedules, 'body'],
  [sosIncidents, 'text'],
  [shiftPunches, 'note'],
])

/** Every (section, key, table) triple, parents before children (providers before visits, regimens before doses). */
export function recordTables(): { section: SectionName; key: string; table: RecordTable }[] {
  return (Object.entries(RECORD_SECTIONS) as [SectionName, Record<string, RecordTable>][]).flatMap(
    ([section, tables]) => Object.entries(tables).map(([key, table]) => ({ section, key, table })),
  )
}
