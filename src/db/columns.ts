/**
 * Column helpers every domain schema uses, so the SQLite-specific storage of ids, times and JSON lives
 * here only. A PostgreSQL port swaps these for pg-core equivalents (text, timestamptz, jsonb).
 */
import { integer, real, text } from 'drizzle-orm/sqlite-core'

/** A prefixed text id (`fam_…`), generated in code by `newId`. */
export const id = () => text('id').primaryKey()

/** A point in time, stored as epoch milliseconds, read back as a Date. */
export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' })

/** JSON stored as text. */
export const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>()

/** A boolean stored as 0/1. */
export const bool = (name: string) => integer(name, { mode: 'boolean' })

/** A second name for a table in one query (self-joins, correlated subqueries). */
export { alias, index, sqliteTable as table, uniqueIndex } from 'drizzle-orm/sqlite-core'
export { integer, real, text }
