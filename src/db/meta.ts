/**
 * The database's own facts, not a family's: for now the field-encryption key check. Owned by the db
 * layer (openDatabase reads and writes it); no domain area touches it.
 */
import { table, text } from './columns.js'

export const dbMeta = table('db_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
})

export const FIELD_KEY_CHECK = 'field_key_check'
