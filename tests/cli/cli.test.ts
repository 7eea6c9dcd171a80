import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { csvField } from '../../src/cli/csv.js'
import { runCli } from '../../src/cli/run.js'
import { openDatabase } from '../../src/db/client.js'
import { createFamily } from '../../src/domain/families/service.js'
import { ManualClock } from '../../src/lib/clock.js'
import { startTestApp, type TestApp, tempDir } from '../support/harness.js'

const ROOT = join(import.meta.dirname, '..', '..')
const exec = promisify(execFile)

const ANA = '+15551230001'
const MARIA = '+15551234567'

let dir: string
let dbPath: string
let cleanup: () => void
let clock: ManualClock
let app: TestApp | undefined

beforeEach(() => {
  ;({ dir, cleanup } = tempDir())
  dbPath = join(dir, 'data', 'mednanny.db')
  clock = new ManualClock('2026-03-10T15:00:00Z')
})
afterEach(async () => {
  await app?.close()
  app = undefined
  cleanup()
})

/** Runs `mednanny <argv>` in-process against this test's database and captures what it printed. */
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

/** Creates the Garcia family with Ana as owner and returns its id. */
async function garcias(name = 'Garcia') {
  const r = await cli(
    'family',
    'create',
    '--name',
    name,
    '--owner-phone',
    ANA,
    '--owner-name',
    'Ana',
    '--timezone',
    'America/New_York',
  )
  expect(r, r.err).toMatchObject({ code: 0 })
  return r.out.trim()
}

/** Raw rows, read through a separate read-only connection, as another process would see them. */
function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}

/** Exactly one line on stderr, nothing on stdout, exit code 1. */
function expectOneLineError(r: { code: number; out: string; err: string }, pattern: RegExp) {
  expect(r.code).toBe(1)
  expect(r.out).toBe('')
  expect(r.err).toMatch(/^mednanny: [^\n]+\n$/)
  expect(r.err).toMatch(pattern)
}

describe('mednanny family create', () => {
  it('prints the new family’s id alone, and the family exists with its owner active', async () => {
    const r = await cli(
      'family',
      'create',
      '--name',
      'Garcia',
      '--owner-phone',
      '+1 555 123 0001',
      '--timezone',
      'America/New_York',
    )
    expect(r.code).toBe(0)
    expect(r.err).toBe('')
    expect(r.out).toMatch(/^fam_[0-9a-z]+\n$/)
    const id = r.out.trim()
    expect(query('SELECT name, timezone, locale FROM families WHERE id = ?', id)).toEqual([
      { name: 'Garcia', timezone: 'America/New_York', locale: 'en-US' },
    ])
    expect(
      query(
        `SELECT m.role, m.status, c.kind, c.address FROM members m JOIN channel_identities c ON c.member_id = m.id
         WHERE m.family_id = ?`,
        id,
      ),
    ).toEqual([{ role: 'owner', status: 'active', kind: 'phone', address: ANA }])
  })

  it('prints {id, name} with --json', async () => {
    const r = await cli('family', 'create', '--name', 'Garcia', '--owner-phone', ANA, '--timezone', 'UTC', '--json')
    expect(r.code).toBe(0)
    const printed = JSON.parse(r.out)
    expect(printed).toEqual({ id: expect.stringMatching(/^fam_/), name: 'Garcia' })
    expect(query('SELECT id FROM families')).toEqual([{ id: printed.id }])
  })

  it('stores the time zone and locale in their canonical spelling', async () => {
    const id = (
      await cli(
        'family',
        'create',
        '--name',
        'Smith',
        '--owner-phone',
        '+447700900123',
        '--timezone',
        'europe/london',
        '--locale',
        'en-gb',
      )
    ).out.trim()
    expect(query('SELECT timezone, locale FROM families WHERE id = ?', id)).toEqual([
      { timezone: 'Europe/London', locale: 'en-GB' },
    ])
  })

  it('refuses an unknown time zone with one line that names it, and creates nothing', async () => {
    const r = await cli('family', 'create', '--name', 'Garcia', '--owner-phone', ANA, '--timezone', 'London')
    expectOneLineError(r, /--timezone "London" is not a time zone; did you mean Europe\/London\?/)
    // Checked before the database is even opened.
    expect(existsSync(dbPath)).toBe(false)
  })

  it('refuses a number without a country code, asking for the international format', async () => {
    const r = await cli('family', 'create', '--name', 'Garcia', '--owner-phone', '555 123 0001', '--timezone', 'UTC')
    expectOneLineError(r, /--owner-phone "555 123 0001" needs the international format/)
  })

  it('refuses something that is not a phone number', async () => {
    const r = await cli('family', 'create', '--name', 'Garcia', '--owner-phone', '+1 555', '--timezone', 'UTC')
    expectOneLineError(r, /--owner-phone "\+1 555" is not a phone number/)
  })

  it('refuses a number that already belongs to a member of a family', async () => {
    await garcias()
    const r = await cli('family', 'create', '--name', 'Other', '--owner-phone', ANA, '--timezone', 'UTC')
    expectOneLineError(r, /That number already belongs to someone in a MedNanny family\./)
  })

  it('answers a missing option with commander’s message on one line', async () => {
    const r = await cli('family', 'create', '--name', 'Garcia', '--owner-phone', ANA)
    expectOneLineError(r, /^mednanny: required option '--timezone <zone>' not specified\n$/)
  })
})

describe('mednanny member add', () => {
  it('invites by family name: an invited member, a pending invitation and an SMS in the outbox', async () => {
    const familyId = await garcias()
    const r = await cli('member', 'add', '--family', 'Garcia', '--name', 'Maria', '--role', 'nanny', '--phone', MARIA)
    expect(r).toEqual({
      code: 0,
      out: 'Invited Maria (+1 555 123 4567) to Garcia as caregiver; they join by replying YES.\n',
      err: '',
    })
    const [member] = query<{ id: string }>(
      "SELECT id, role, status, emergency_contact FROM members WHERE family_id = ? AND name = 'Maria'",
      familyId,
    )
    expect(member).toMatchObject({ role: 'caregiver', status: 'invited', emergency_contact: 0 })
    expect(query('SELECT kind, address, status FROM invitations WHERE member_id = ?', member?.id)).toEqual([
      { kind: 'phone', address: MARIA, status: 'pending' },
    ])
    const [row] = query<{ body: string }>(
      'SELECT channel, to_address, kind, status, body FROM outbox WHERE member_id = ?',
      member?.id,
    )
    expect(row).toMatchObject({ channel: 'sms', to_address: MARIA, kind: 'invitation', status: 'pending' })
    expect(row?.body).toMatch(
      /^Hi Maria, Ana invited you to join the Garcia family on MedNanny as a caregiver\..*Reply YES/,
    )
  })

  it('invites by family id, maps "parent" to admin, and prints JSON with --json', async () => {
    const familyId = await garcias()
    const r = await cli(
      'member',
      'add',
      '--family',
      familyId,
      '--name',
      'Luis',
      '--role',
      'parent',
      '--phone',
      '+1 555 123 0002',
      '--emergency-contact',
      '--json',
    )
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out)).toMatchObject({
      familyId,
      memberId: expect.stringMatching(/^mem_/),
      invitationId: expect.stringMatching(/^inv_/),
      name: 'Luis',
      role: 'admin',
      emergencyContact: true,
      kind: 'phone',
      address: '+15551230002',
    })
  })

  it('stores an invitation to a Slack identity, and says the server sends it by Slack DM', async () => {
    await garcias()
    const r = await cli(
      'member',
      'add',
      '--family',
      'Garcia',
      '--name',
      'Sam',
      '--role',
      'grandparent',
      '--slack',
      'T0123:U0456',
    )
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^Invited Sam \(Slack T0123:U0456\) to Garcia as member;/)
    expect(r.err).toMatch(/^mednanny: note: the server sends this invitation by Slack DM/)
    expect(query("SELECT channel, to_address FROM outbox WHERE kind = 'invitation'")).toEqual([
      { channel: 'slack', to_address: 'T0123:U0456' },
    ])
  })

  it('answers an unknown family with one line and invites nobody', async () => {
    await garcias()
    const r = await cli('member', 'add', '--family', 'Nope', '--name', 'Maria', '--role', 'nanny', '--phone', MARIA)
    expectOneLineError(r, /^mednanny: no family with id or name "Nope"\n$/)
    expect(query('SELECT id FROM invitations')).toEqual([])
  })

  it('needs exactly one of --phone and --slack', async () => {
    await garcias()
    const base = ['member', 'add', '--family', 'Garcia', '--name', 'Maria', '--role', 'nanny']
    expectOneLineError(await cli(...base), /give --phone or --slack/)
    expectOneLineError(
      await cli(...base, '--phone', MARIA, '--slack', 'T1:U2'),
      /option '--phone <e164>' cannot be used with option '--slack <team:user>'/,
    )
  })

  it('refuses a role it does not know, naming the roles it does', async () => {
    await garcias()
    const r = await cli('member', 'add', '--family', 'Garcia', '--name', 'Maria', '--role', 'boss', '--phone', MARIA)
    expectOneLineError(r, /--role "boss" is not a role; use admin, caregiver, member or viewer/)
  })
})

describe('mednanny family list', () => {
  it('prints a table of id, name, time zone and active members', async () => {
    const id = await garcias()
    await cli('member', 'add', '--family', 'Garcia', '--name', 'Maria', '--role', 'nanny', '--phone', MARIA)
    const r = await cli('family', 'list')
    expect(r.code).toBe(0)
    const lines = r.out.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^ID\s+NAME\s+TIMEZONE\s+MEMBERS$/)
    // Maria is only invited: one active member.
    expect(lines[1]?.split(/\s{2,}/)).toEqual([id, 'Garcia', 'America/New_York', '1'])
  })

  it('prints a JSON array with --json', async () => {
    const id = await garcias()
    const r = await cli('family', 'list', '--json')
    expect(JSON.parse(r.out)).toEqual([
      {
        id,
        name: 'Garcia',
        timezone: 'America/New_York',
        locale: 'en-US',
        activeMembers: 1,
        createdAt: '2026-03-10T15:00:00.000Z',
      },
    ])
  })

  it('uses --db over DATABASE_PATH', async () => {
    await garcias()
    const other = join(dir, 'other.db')
    expect(JSON.parse((await cli('--db', other, 'family', 'list', '--json')).out)).toEqual([])
    expect(JSON.parse((await cli('family', 'list', '--json', '--db', other)).out)).toEqual([])
    expect(existsSync(other)).toBe(true)
  })

  it('names a bad environment variable in one line', async () => {
    let err = ''
    const code = await runCli(['family', 'list'], {
      env: { DATABASE_PATH: dbPath, LOG_LEVEL: 'loud' },
      stdout: { write: () => undefined },
      stderr: { write: (s: string) => (err += s) },
    })
    expect(code).toBe(1)
    expect(err).toMatch(/^mednanny: LOG_LEVEL: [^\n]+\n$/)
  })
})

describe('mednanny backup', () => {
  it('writes a copy that opens with the same families, and says where and how big', async () => {
    const id = await garcias()
    const to = join(dir, 'backups', 'b.db')
    const r = await cli('backup', '--to', to)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(new RegExp(`^Backed up to ${to} \\(\\d+ bytes\\)\\n$`))
    // Only the backup itself: no temporary file is left beside it.
    expect(readdirSync(join(dir, 'backups'))).toEqual(['b.db'])
    const copy = openDatabase(to)
    try {
      const rows = await copy.read((tx) => tx.query.families.findMany())
      expect(rows.map((f) => [f.id, f.name])).toEqual([[id, 'Garcia']])
    } finally {
      copy.close()
    }
  })

  it('includes what another connection on the same file has just written', async () => {
    await garcias()
    // The server's connection: it writes and stays open, so its last commit may be in the WAL only.
    const server = openDatabase(dbPath)
    try {
      await server.transaction((tx) =>
        createFamily(tx, clock.now(), {
          name: 'Written by the server',
          timezone: 'UTC',
          locale: 'en-GB',
          owner: { name: 'Bo', sender: { kind: 'phone', address: '+447700900999', channel: 'sms' } },
        }),
      )
      const to = join(dir, 'b.db')
      expect((await cli('backup', '--to', to)).code).toBe(0)
      const copy = new Database(to, { readonly: true })
      const names = copy.prepare('SELECT name FROM families ORDER BY created_at, id').all()
      copy.close()
      expect(names).toEqual([{ name: 'Garcia' }, { name: 'Written by the server' }])
    } finally {
      server.close()
    }
  })

  it('refuses to overwrite a file unless --force', async () => {
    await garcias()
    const to = join(dir, 'b.db')
    writeFileSync(to, 'not a database')
    expectOneLineError(await cli('backup', '--to', to), /b\.db already exists; pass --force to overwrite it/)
    expect(readFileSync(to, 'utf8')).toBe('not a database')
    expect((await cli('backup', '--to', to, '--force')).code).toBe(0)
    const copy = new Database(to, { readonly: true })
    expect(copy.prepare('SELECT count(*) AS n FROM families').get()).toEqual({ n: 1 })
    copy.close()
  })
})

describe('mednanny export', () => {
  it('writes the family’s record as one JSON object', async () => {
    const id = await garcias()
    await cli('member', 'add', '--family', 'Garcia', '--name', 'Maria', '--role', 'nanny', '--phone', MARIA)
    const r = await cli('export', '--family', 'Garcia', '--format', 'json')
    expect(r.code).toBe(0)
    const record = JSON.parse(r.out)
    expect(record).toMatchObject({ version: 4, family: { id, name: 'Garcia', timezone: 'America/New_York' } })
    expect(record.members).toMatchObject([
      {
        name: 'Ana',
        role: 'owner',
        status: 'active',
        emergencyContact: true,
        identities: [{ kind: 'phone', address: ANA }],
      },
      { name: 'Maria', role: 'caregiver', status: 'invited', identities: [] },
    ])
    expect(record.invitations).toMatchObject([
      { address: MARIA, status: 'pending', createdAt: '2026-03-10T15:00:00.000Z' },
    ])
    expect(record.audit.map((a: { action: string }) => a.action)).toEqual(['family.create', 'member.invite'])
    expect(record.dependents).toEqual([])
  })

  it('writes CSV sections and quotes a cell with commas and quotes (RFC 4180)', async () => {
    await garcias()
    await cli('member', 'add', '--family', 'Garcia', '--name', 'Mary O’Neil', '--role', 'nanny', '--phone', MARIA)
    const r = await cli('export', '--family', 'Garcia', '--format', 'csv')
    expect(r.code).toBe(0)
    const lines = r.out.split('\r\n')
    expect(lines.filter((l) => l.startsWith('# '))).toEqual([
      '# family',
      '# members',
      '# dependents',
      '# invitations',
      '# feeds',
      '# sleeps',
      '# diapers',
      '# temperatures',
      '# growth',
      '# care_notes',
      '# medications',
      '# doses',
      '# allergies',
      '# conditions',
      '# providers',
      '# visits',
      '# immunizations',
      '# schedules',
      '# schedule_runs',
      '# sos_incidents',
      '# shifts',
      '# shift_skips',
      '# shift_punches',
      '# opt_outs',
      '# audit',
    ])
    const header = lines.indexOf('# members') + 1
    expect(lines[header]).toBe(
      'id,name,role,status,emergency_contact,channel_order,phone,slack,invited_by,created_at,joined_at,removed_at',
    )
    expect(lines[header + 2]).toMatch(/^mem_\w+,Mary O’Neil,caregiver,invited,false,sms whatsapp,,,mem_\w+,/)
    // The audit detail is JSON: its commas and quotes make the cell quoted, inner quotes doubled.
    expect(lines.find((l) => l.includes('member.invite'))).toContain(
      '"{""role"":""caregiver"",""emergencyContact"":false}"',
    )
  })

  it('writes one table as a plain CSV file with --table and --out, and will not overwrite it', async () => {
    await garcias()
    const out = join(dir, 'members.csv')
    const r = await cli('export', '--family', 'Garcia', '--format', 'csv', '--table', 'members', '--out', out)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^Exported Garcia to .*members\.csv \(\d+ bytes\)\n$/)
    const rows = readFileSync(out, 'utf8').split('\r\n')
    expect(rows[0]).toMatch(/^id,name,role,/)
    expect(rows[1]).toMatch(/^mem_\w+,Ana,owner,active,true,sms whatsapp,'\+15551230001,/)
    expect(rows.slice(2)).toEqual([''])
    expectOneLineError(
      await cli('export', '--family', 'Garcia', '--format', 'csv', '--out', out),
      /members\.csv already exists; pass --force/,
    )
  })

  it('records each export in the audit log', async () => {
    await garcias()
    await cli('export', '--family', 'Garcia', '--format', 'json')
    expect(query("SELECT actor_member_id, detail FROM audit_log WHERE action = 'family.export'")).toEqual([
      { actor_member_id: null, detail: '{"format":"json","via":"cli"}' },
    ])
  })

  it('refuses a format it does not write, and an unknown family', async () => {
    await garcias()
    expectOneLineError(
      await cli('export', '--family', 'Garcia', '--format', 'xml'),
      /argument 'xml' is invalid\. Allowed choices are json, csv\./,
    )
    expectOneLineError(await cli('export', '--family', 'Nope', '--format', 'json'), /no family with id or name "Nope"/)
  })
})

describe('csvField (RFC 4180 §2)', () => {
  it('leaves plain text alone and quotes commas, quotes, CR and LF', () => {
    expect(csvField('Maria')).toBe('Maria')
    expect(csvField('')).toBe('')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField('cr\rhere')).toBe('"cr\rhere"')
  })

  it('defuses a cell a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"')
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvField('-2+3')).toBe("'-2+3")
    expect(csvField('+15551234567')).toBe("'+15551234567")
  })
})

describe('an invitee added from the CLI', () => {
  it('joins by replying YES while the server runs on the same database', async () => {
    await garcias()
    app = await startTestApp({ dbPath, clock })
    const added = await cli(
      'member',
      'add',
      '--family',
      'Garcia',
      '--name',
      'Maria',
      '--role',
      'nanny',
      '--phone',
      MARIA,
    )
    expect(added.code, added.err).toBe(0)
    await app.settle()
    expect(app.inboxOf(MARIA)).toEqual([expect.stringMatching(/Ana invited you to join the Garcia family.*Reply YES/)])

    await app.sms(MARIA, 'YES')
    await app.settle()
    expect(app.inboxOf(MARIA).at(-1)).toMatch(/^Welcome to the Garcia family, Maria! You’re in as caregiver\./)
    expect(app.inboxOf(ANA).at(-1)).toMatch(/Maria joined the Garcia family/)
    expect(JSON.parse((await cli('family', 'list', '--json')).out)[0].activeMembers).toBe(2)
  })
})

describe('the mednanny command in its own process', () => {
  const env = () => ({ PATH: process.env.PATH ?? '', DATABASE_PATH: dbPath })

  it('bin/mednanny.js prints the new family’s id on stdout and exits 0', async () => {
    const args = ['family', 'create', '--name', 'Garcia', '--owner-phone', ANA, '--timezone', 'America/New_York']
    const { stdout, stderr } = await exec(process.execPath, [join(ROOT, 'bin', 'mednanny.js'), ...args], {
      cwd: dir,
      env: env(),
    })
    expect(stderr).toBe('')
    expect(stdout).toMatch(/^fam_[0-9a-z]+\n$/)
    expect(query('SELECT id FROM families')).toEqual([{ id: stdout.trim() }])
  })

  it('the npm script’s entry (node bin/mednanny.js, as `npm run mednanny`) exits 1 with one line on stderr', async () => {
    const args = ['member', 'add', '--family', 'Nope', '--name', 'Maria', '--role', 'nanny', '--phone', MARIA]
    const bin = join(ROOT, 'bin', 'mednanny.js')
    const failed = await exec(process.execPath, [bin, ...args], { cwd: ROOT, env: env() }).then(
      () => undefined,
      (err: { code: number; stdout: string; stderr: string }) => err,
    )
    expect(failed).toMatchObject({ code: 1, stdout: '', stderr: 'mednanny: no family with id or name "Nope"\n' })
  })
})

describe('mednanny dependent add', () => {
  it('adds a child with a weight, which becomes the first growth entry', async () => {
    await garcias()
    const r = await cli(
      'dependent',
      'add',
      '--family',
      'Garcia',
      '--name',
      'Maya',
      '--birth-date',
      '2026-01-10',
      '--weight-kg',
      '5.1',
      '--sex',
      'female',
    )
    expect(r, r.err).toMatchObject({ code: 0 })
    expect(r.out).toMatch(/^Added Maya \(born 2026-01-10, 5\.1 kg\) to Garcia: dep_\w+\n$/)
    expect(query<{ weight_kg: number }>('SELECT weight_kg FROM growth')).toEqual([{ weight_kg: 5.1 }])
  })

  it('makes a member also a dependent with --member', async () => {
    await garcias()
    await cli('member', 'add', '--family', 'Garcia', '--name', 'Joe', '--role', 'grandpa', '--phone', MARIA)
    const r = await cli(
      'dependent',
      'add',
      '--family',
      'Garcia',
      '--name',
      'Joe',
      '--birth-date',
      '1948-05-02',
      '--member',
      'Joe',
      '--json',
    )
    expect(r, r.err).toMatchObject({ code: 0 })
    const out = JSON.parse(r.out) as { memberId: string }
    expect(out.memberId).toMatch(/^mem_/)
  })

  it('answers a bad date or an unknown member with one line and exit 1', async () => {
    await garcias()
    const bad = await cli('dependent', 'add', '--family', 'Garcia', '--name', 'Leo', '--birth-date', '03/02/2023')
    expect(bad.code).toBe(1)
    expect(bad.err).toMatch(/^mednanny: --birth-date "03\/02\/2023" is not a date; use YYYY-MM-DD/)
    const nobody = await cli(
      'dependent',
      'add',
      '--family',
      'Garcia',
      '--name',
      'Leo',
      '--birth-date',
      '2023-03-02',
      '--member',
      'Zed',
    )
    expect(nobody.code).toBe(1)
    expect(nobody.err.trim().split('\n')).toHaveLength(1)
  })
})

describe('mednanny demo', () => {
  it('adds the demo family and prints the phones to text from', async () => {
    const r = await cli('demo')
    expect(r, r.err).toMatchObject({ code: 0 })
    expect(r.out).toMatch(/^Added The Demo Family \(fam_\w+\)/)
    expect(r.out).toContain('+15550100101')
    expect(query<{ n: number }>('SELECT count(*) AS n FROM feeds')[0]?.n).toBe(24)
    const again = await cli('demo')
    expect(again.code).toBe(1)
    expect(again.err.trim().split('\n')).toHaveLength(1)
  })
})
