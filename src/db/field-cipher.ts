/**
 * Field encryption of free-text health notes (care notes, condition notes, visit notes): AES-256-GCM
 * from node:crypto with a fresh 96-bit IV per value, so equal notes never look equal on disk and a
 * tampered value fails its tag instead of decrypting to garbage. See docs/decisions/0016-field-encryption.md.
 *
 * A sealed value is `enc1:` + base64url(iv ‖ tag ‖ ciphertext). Values without the prefix are plaintext,
 * written before a key was set; they are read as they are.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const PREFIX = 'enc1:'
const IV_BYTES = 12
const TAG_BYTES = 16
/** Binds every ciphertext to this use, so a value sealed for something else never opens here. */
const AAD = Buffer.from('mednanny:field:v1')

export class FieldKeyError extends Error {
  override name = 'FieldKeyError'
}

export interface FieldCipher {
  /** True when DATA_ENCRYPTION_KEY is set and notes are sealed on write. */
  readonly enabled: boolean
  seal(plain: string): string
  seal(plain: string | null): string | null
  /** Reads a stored value: opens sealed ones, passes plaintext through; throws FieldKeyError on a wrong key. */
  open(stored: string): string
  open(stored: string | null): string | null
}

/** Parses the key as DATA_ENCRYPTION_KEY allows it: 64 hex characters or base64 of 32 bytes. */
export function parseFieldKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64')
  if (key.length !== 32)
    throw new FieldKeyError('DATA_ENCRYPTION_KEY: expected 32 bytes as 64 hex characters or base64')
  return key
}

export const isSealed = (stored: string): boolean => stored.startsWith(PREFIX)

export function createFieldCipher(keyText?: string): FieldCipher {
  const key = keyText ? parseFieldKey(keyText) : undefined

  function seal(plain: string | null): string | null {
    if (plain === null || !key) return plain
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(AAD)
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
  }

  function open(stored: string | null): string | null {
    if (stored === null || !isSealed(stored)) return stored
    if (!key) throw new FieldKeyError('DATA_ENCRYPTION_KEY: this database holds encrypted notes; set the key')
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url')
    if (raw.length < IV_BYTES + TAG_BYTES) throw new FieldKeyError('an encrypted note is truncated')
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES))
      .setAAD(AAD)
      .setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
    } catch {
      throw new FieldKeyError('DATA_ENCRYPTION_KEY: an encrypted note does not open with this key')
    }
  }

  return { enabled: Boolean(key), seal, open } as FieldCipher
}

/** What the key check row holds once opened; any other plaintext means the row was tampered with. */
const CHECK_TEXT = 'mednanny field key check'

/**
 * Proves at start that the key opens this database's notes, so a wrong or missing key fails loudly now
 * instead of on the first read of a note hours later. The first start with a key writes the check value.
 * `stored` is the current check value (undefined when none); returns the value to store, if any.
 */
export function verifyFieldKey(cipher: FieldCipher, stored: string | undefined): string | undefined {
  if (stored === undefined) return cipher.enabled ? cipher.seal(CHECK_TEXT) : undefined
  if (!cipher.enabled) {
    throw new FieldKeyError(
      'DATA_ENCRYPTION_KEY: this database holds encrypted notes; start with the key it was created with',
    )
  }
  let opened: string
  try {
    opened = cipher.open(stored)
  } catch {
    throw new FieldKeyError('DATA_ENCRYPTION_KEY: does not match the key this database was encrypted with')
  }
  if (opened !== CHECK_TEXT) throw new FieldKeyError('DATA_ENCRYPTION_KEY: the key check value is damaged')
  return undefined
}
