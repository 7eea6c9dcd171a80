import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/run.js'
import { ManualClock } from '../../src/lib/clock.js'
import { startTestApp, tempDir } from '../support/harness.js'

const ANA = '+15551230001'
let dir: string
let dbPath: string
let cleanup: () => void
const clock = new ManualClock('2026-03-10T15:00:00Z')

beforeEach(async () => {
  ;({ dir, cleanup } = tempDir())
  dbPath = join(dir, 'm.db')
  await cli('family', 'create', '--name', 'Garcia', '--owner-phone', ANA, '--timezone', 'America/New_York')
  await cli('dependent', 'add', '--family', 'Garcia', '--name', 'Maya', '--birth-date', '2025-11-02')
  await cli('dependent', 'add', '--family', 'Garcia', '--name', 'Joe', '--birth-date', '1948-05-02')
})
afterEach(() => cleanup())

async function cli(...argv: string[]) {
  let out = ''
  let err = ''
  const code = await runCli(argv, {
    env: { DATABASE_PATH: dbPath },
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    clock,
  })
  return { code, out, err }
}

function rows(sql: string): unknown[] {
  const raw = new Database(dbPath, { readonly: true })
  try {
    return raw.prepare(sql).all()
  } finally {
    raw.close()
  }
}

describe('mednanny medication add', () => {
  it('adds a regimen the chat then answers from, with its audit entry', async () => {
    const added = await cli(
      ...['medication', 'add', '--family', 'Garcia', '--for', 'Joe', '--name', 'Lisinopril', '--strength', '10 mg'],
      ...['--dose', '1', '--unit', 'tablet', '--times', '8:00', '--quantity', '9', '--refills', '0'],
    )
    expect(added.code, added.err).toBe(0)
    expect(added.out).toMatch(/^Added Lisinopril for Joe \(med_\w+\)\n$/)
    expect(rows('SELECT drug_key, schedule, quantity_on_hand FROM medications')).toEqual([
      { drug_key: 'lisinopril', schedule: '{"kind":"times","times":["08:00"]}', quantity_on_hand: 9 },
    ])
    expect(rows("SELECT action FROM audit_log WHERE subject_type = 'medication'")).toEqual([
      { action: 'medication.create' },
    ])

    const t = await startTestApp({ dbPath, clock })
    try {
      await t.sms(ANA, 'how many days until joe needs a refill of lisinopril?')
      await t.settle()
      expect(t.inboxOf(ANA).at(-1)).toMatch(/9 days/)
    } finally {
      await t.close()
    }
  })

  it('takes every N hours as needed, and says what is missing or wrong in one line', async () => {
    const base = ['medication', 'add', '--family', 'Garcia', '--for', 'Maya', '--name', 'Infant Tylenol']
    expect((await cli(...base, '--every', '4', '--as-needed')).code).toBe(0)
    expect(rows('SELECT schedule FROM medications')).toEqual([
      { schedule: '{"kind":"interval","hours":4,"asNeeded":true}' },
    ])
    expect((await cli(...base)).err).toBe(
      'mednanny: a schedule is needed: --times 08:00,20:00, --every HOURS or --as-needed\n',
    )
    expect((await cli(...base, '--times', '25:00')).err).toMatch(
      /^mednanny: .*schedule\.times\.0: expected a time as HH:MM/,
    )
    expect((await cli(...base, '--every', 'often')).err).toBe('mednanny: --every: expected a number, got "often"\n')
    const nobody = await cli('medication', 'add', '--family', 'Garcia', '--for', 'Zed', '--name', 'X', '--as-needed')
    expect(nobody.code).toBe(1)
    expect(nobody.err).toMatch(/Zed/)
  })
})

describe('mednanny medical', () => {
  it('adds allergies, conditions, providers, visits and shots, and shows the record (an audited read)', async () => {
    const f = ['--family', 'Garcia']
    const steps = [
      ['medical', 'add', 'allergy', ...f, '--for', 'Maya', '--substance', 'penicillin', '--severity', 'severe'],
      ['medical', 'add', 'condition', ...f, '--for', 'Joe', '--name', 'type 2 diabetes', '--note', 'since 2019'],
      [
        'medical',
        'add',
        'provider',
        ...f,
        '--name',
        'Dr. Rivera',
        '--role',
        'pediatrician',
        '--phone',
        '(555) 010-0199',
      ],
      ['medical', 'add', 'visit', ...f, '--for', 'Maya', '--at', '2026-03-01T10:00:00-05:00', '--reason', 'check-up'],
      ['medical', 'add', 'immunization', ...f, '--for', 'Maya', '--vaccine', 'DTaP', '--date', '2026-03-01'],
    ]
    for (const argv of steps) {
      const r = await cli(...argv)
      expect(r.code, r.err).toBe(0)
    }
    expect(rows('SELECT phone FROM providers')).toEqual([{ phone: '+15550100199' }])
    const shown = await cli('medical', 'show', ...f, '--for', 'Maya')
    const record = JSON.parse(shown.out) as Record<string, { [k: string]: unknown }[]>
    expect(record.allergies?.map((a) => a.substance)).toEqual(['penicillin'])
    expect(record.immunizations?.map((i) => i.vaccine)).toEqual(['DTaP'])
    expect(record.visits?.map((v) => v.reason)).toEqual(['check-up'])
    expect(rows("SELECT count(*) AS n FROM audit_log WHERE action = 'medical.read'")).toEqual([{ n: 1 }])

    const bad = await cli('medical', 'add', 'allergy', ...f, '--for', 'Maya', '--substance', 'x', '--severity', 'awful')
    expect(bad.code).toBe(1)
    expect(bad.err).toMatch(/--severity/)
  })
})

describe('mednanny sos policy', () => {
  it('shows the defaults, sets the policy, and says what is wrong with a bad value', async () => {
    expect((await cli('sos', 'policy', '--family', 'Garcia')).out).toBe(
      'SOS: a round every 2 min; the whole family after 3 rounds\n',
    )
    expect((await cli('sos', 'policy', '--family', 'Garcia', '--every', '4')).out).toBe(
      'SOS: a round every 4 min; the whole family after 3 rounds\n',
    )
    expect(rows('SELECT interval_minutes, rounds_per_tier FROM sos_policies')).toEqual([
      { interval_minutes: 4, rounds_per_tier: 3 },
    ])
    const bad = await cli('sos', 'policy', '--family', 'Garcia', '--every', '90')
    expect(bad.code).toBe(1)
    expect(bad.err).toMatch(/intervalMinutes/)
    expect((await cli('sos', 'policy', '--family', 'Garcia', '--rounds', 'two')).err).toBe(
      'mednanny: --rounds: expected a whole number, got "two"\n',
    )
  })
})
