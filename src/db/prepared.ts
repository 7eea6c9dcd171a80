import { type Placeholder, sql } from 'drizzle-orm'
import type { Tx } from './client.js'

/**
 * A statement built and prepared once per connection, for the hot paths: building a query with drizzle
 * costs more than SQLite running it (the ingest and scheduler benches, measured; docs/decisions/0012).
 * Every transaction on a connection is handed the same `Tx`, so this is once per open database.
 */
export function perConnection<T>(build: (tx: Tx) => T): (tx: Tx) => T {
  const built = new WeakMap<Tx, T>()
  return (tx) => {
    let statement = built.get(tx)
    if (statement === undefined) {
      statement = build(tx)
      built.set(tx, statement)
    }
    return statement
  }
}

/** `{ a: placeholder('a'), b: placeholder('b') }`: an insert's values, filled at each run by name. */
export function placeholders<K extends string>(keys: readonly K[]): Record<K, Placeholder<K>> {
  return Object.fromEntries(keys.map((k) => [k, sql.placeholder(k)])) as Record<K, Placeholder<K>>
}
