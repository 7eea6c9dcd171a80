/**
 * Column helpers every domain schema uses, so the SQLite-specific storage of ids, times and JSON lives
 * here only. A PostgreSQL port swaps these for pg-core equivalents (text, timestamptz, jsonb).
 */
import { customType, integer, real, text } from 'drizzle-orm/sqlite-core'

/** A prefixed text id (`fam_…`), generated in code by `newId`. */
export const id = () => text('id').primaryKey()

/** A point in time, stored as epoch milliseconds, read back as a Date. */
export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' })

/**
 * JSON stored as text; a null is SQL NULL. (drizzle's `text({ mode: 'json' })` writes a null filled into
 * a prepared statement's placeholder as the text 'null', so `IS NULL` missed it.)
 */
export const json = <T>(name: string) =>
  customType<{ data: T; driverData: string | null }>({
    dataType: () => 'text',
    toDriver: (value) => (value === null || value === undefined ? null : JSON.stringify(value)),
    fromDriver: (value) => (value === null ? null : JSON.parse(value)) as T,
  })(name)

/** A boolean stored as 0/1. */
export const bool = (name: string) => integer(name, { mode: 'boolean' })

/** A second name for a table in one query (self-joins, correlated subqueries). */
export { alias, index, sqliteTable as table, uniqueIndex } from 'drizzle-orm/sqlite-core'
export { integer, real, text }
