import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { type Db, openDatabase } from '../../src/db/client.js'
import { createFieldCipher, FieldKeyError, isSealed } from '../../src/db/field-cipher.js'
import { addNote } from '../../src/domain/care-log/service.js'
import { addDependent } from '../../src/domain/dependents/service.js'
import { addCondition, logVisit, medicalRecord } from '../../src/domain/medical/service.js'
import { ownerOfNewFamily } from '../support/family.js'
import { onboardFamily, startTestApp, tempDir } from '../support/harness.js'

const KEY = `${'k'.repeat(43)}=` // base64 of 32 bytes
const OTHER_KEY = 'f'.repeat(64)
const NOW = new Date('2026-03-10T15:00:00Z')

describe('field cipher', () => {
  const cipher = createFieldCipher(KEY)

  it('round-trips any text, and never writes the same ciphertext twice', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const sealed = cipher.seal(text)
        expect(isSealed(sealed)).toBe(true)
        expect(cipher.open(sealed)).toBe(text)
      }),
    )
    expect(cipher.seal('rash on her back')).not.toBe(cipher.seal('rash on her back'))
  })

  it('accepts the key as 64 hex characters too', () => {
    const hex = createFieldCipher(Buffer.from(KEY, 'base64').toString('hex'))
    expect(hex.open(cipher.seal('same key'))).toBe('same key')
  })

  it('fails loudly on a wrong key, a missing key and a tampered value', () => {
    const sealed = cipher.seal('rash on her back')
    expect(() => createFieldCipher(OTHER_KEY).open(sealed)).toThrow(FieldKeyError)
    expect(() => createFieldCipher().open(sealed)).toThrow(/DATA_ENCRYPTION_KEY/)
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.at(-1)
    expect(() => cipher.open(flipped)).toThrow(FieldKeyError)
    expect(() => cipher.open('enc1:AAAA')).toThrow(/truncated/)
  })

  it('passes plaintext written before a key was set through, and seals nothing without a key', () => {
    expect(cipher.open('written before the key')).toBe('written before the key')
    const none = createFieldCipher()
    expect(none.enabled).toBe(false)
    expect(none.seal('plain')).toBe('plain')
    expect(cipher.seal(null)).toBeNull()
  })

  it('rejects a key of the wrong length', () => {
    expect(() => createFieldCipher('abcd')).toThrow(/32 bytes/)
  })
})

describe('notes at rest', () => {
  const cleanups: (() => void)[] = []
  afterEach(() => {
    for (const c of cleanups.splice(0)) c()
  })

  async function seed(db: Db) {
    const actor = await ownerOfNewFamily(db, NOW)
    return await db.transaction(async (tx) => {
      const maya = await addDependent(tx, actor, NOW, { name: 'Maya', birthDate: '2026-01-10' })
      await addNote(tx, actor, NOW, { dependentId: maya.id, at: NOW, body: 'small rash behind her left ear' })
      await addCondition(tx, actor, NOW, { dependentId: maya.id, name: 'eczema', note: 'flares in winter' })
      await logVisit(tx, actor, NOW, { dependentId: maya.id, at: NOW, notes: 'ears clear, follow up in 2 weeks' })
      return { actor, mayaId: maya.id }
    })
  }

  const SECRETS = ['small rash behind her left ear', 'flares in winter', 'ears clear, follow up in 2 weeks']

  function fileText(path: string): string {
    const parts = [path, `${path}-wal`].map((p) => {
      try {
        return readFileSync(p).toString('latin1')
      } catch {
        return ''
      }
    })
    return parts.join('')
  }

  it('seals care notes, condition notes and visit notes on disk and opens them after a restart', async () => {
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    const file = join(dir, 'm.db')
    const db = openDatabase(file, { fieldKey: KEY })
    const { actor, mayaId } = await seed(db)
    db.close()

    const raw = new Database(file, { readonly: true })
    const stored = [
      ...raw.prepare('SELECT body AS v FROM care_notes').all(),
      ...raw.prepare('SELECT note AS v FROM conditions').all(),
      ...raw.prepare('SELECT notes AS v FROM visits').all(),
    ] as { v: string }[]
    raw.close()
    expect(stored).toHaveLength(3)
    for (const { v } of stored) expect(isSealed(v)).toBe(true)
    const bytes = fileText(file)
    for (const secret of SECRETS) expect(bytes).not.toContain(secret)

    const again = openDatabase(file, { fieldKey: KEY })
    cleanups.unshift(() => again.close())
    const record = await again.transaction((tx) => medicalRecord(tx, actor, NOW, mayaId))
    expect(record.conditions.map((c) => c.note)).toEqual(['flares in winter'])
    expect(record.visits.map((v) => v.notes)).toEqual(['ears clear, follow up in 2 weeks'])
  })

  it('refuses to open the file with another key or with none, before anything is read', async () => {
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    const file = join(dir, 'm.db')
    openDatabase(file, { fieldKey: KEY }).close()
    expect(() => openDatabase(file, { fieldKey: OTHER_KEY })).toThrow(
      'DATA_ENCRYPTION_KEY: does not match the key this database was encrypted with',
    )
    expect(() => openDatabase(file)).toThrow(/holds encrypted notes; start with the key it was created with/)
    openDatabase(file, { fieldKey: KEY }).close()
  })

  it('without a key, notes stay plaintext and a key can be added later', async () => {
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    const file = join(dir, 'm.db')
    const plain = openDatabase(file)
    const { actor, mayaId } = await seed(plain)
    plain.close()
    expect(fileText(file)).toContain('flares in winter')

    const keyed = openDatabase(file, { fieldKey: KEY })
    cleanups.unshift(() => keyed.close())
    const record = await keyed.transaction((tx) => medicalRecord(tx, actor, NOW, mayaId))
    expect(record.conditions.map((c) => c.note)).toEqual(['flares in winter'])
  })
})

describe('notes by chat', () => {
  it('a note texted to a server with DATA_ENCRYPTION_KEY is sealed on disk', async () => {
    const t = await startTestApp({ env: { DATA_ENCRYPTION_KEY: KEY } })
    try {
      await onboardFamily(t, '+15550100001')
      for (const text of ['add Maya, born Jan 10', 'note: small rash behind her left ear']) {
        await t.sms('+15550100001', text)
        await t.settle()
      }
      expect(t.inboxOf('+15550100001').at(-1)).toMatch(/^Noted/)
      const raw = new Database(t.dbPath, { readonly: true })
      const rows = raw.prepare('SELECT body FROM care_notes').all() as { body: string }[]
      raw.close()
      expect(rows).toHaveLength(1)
      expect(isSealed(rows[0]?.body ?? '')).toBe(true)
    } finally {
      await t.close()
    }
  })
})
