import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/lib/clock.js'
import { onboardFamily, startTestApp, type TestApp } from '../support/harness.js'

const ANA = '+15551230001'
let t: TestApp
afterEach(async () => {
  await t.close()
})

function bodies(table: 'inbox' | 'outbox'): string[] {
  const raw = new Database(t.dbPath, { readonly: true })
  try {
    return (raw.prepare(`SELECT body FROM ${table} ORDER BY id`).all() as { body: string }[]).map((r) => r.body)
  } finally {
    raw.close()
  }
}

describe('message text retention', () => {
  it('blanks the text of handled and sent messages after MESSAGE_RETENTION_DAYS, keeping the rows', async () => {
    t = await startTestApp({ clock: new ManualClock('2026-11-01T15:00:00Z'), env: { MESSAGE_RETENTION_DAYS: '30' } })
    await onboardFamily(t, ANA)
    await t.sms(ANA, 'add Maya, born Sept 20 2026, 5.1 kg')
    await t.settle()
    const inboxBefore = bodies('inbox').length
    const outboxBefore = bodies('outbox').length
    expect(bodies('inbox')).toContain('add Maya, born Sept 20 2026, 5.1 kg')

    t.clock.set('2026-11-30T15:00:00Z') // 29 days: kept
    await t.app.mednanny.scheduler.tick()
    expect(bodies('inbox')).toContain('add Maya, born Sept 20 2026, 5.1 kg')

    t.clock.set('2026-12-01T16:00:00Z') // 30 days and an hour: blanked
    await t.sms(ANA, 'summary')
    await t.settle()
    await t.app.mednanny.scheduler.tick()
    const inbox = bodies('inbox')
    const outbox = bodies('outbox')
    expect(inbox).toHaveLength(inboxBefore + 1)
    expect(outbox.length).toBeGreaterThan(outboxBefore)
    // The old ones are empty; today's are not; the record itself is untouched.
    expect(inbox.slice(0, inboxBefore).every((b) => b === '')).toBe(true)
    expect(inbox.at(-1)).toBe('summary')
    expect(outbox.slice(0, outboxBefore).every((b) => b === '')).toBe(true)
    expect(outbox.slice(outboxBefore).some((b) => b.includes('Maya'))).toBe(true)
  })
})
