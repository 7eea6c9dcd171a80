import { randomBytes } from 'node:crypto'

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz' // Crockford base32, lower case: no i, l, o, u

/** A prefixed random id (`fam_3kq…`) so a log line says what it points at. 80 bits of randomness. */
export function newId(prefix: string): string {
  const bytes = randomBytes(16)
  let out = ''
  for (let i = 0; i < 16; i++) out += ALPHABET[(bytes[i] ?? 0) & 31]
  return `${prefix}_${out}`
}

/** A short human code without look-alike characters, for invitations and links. */
export function newCode(length = 6): string {
  const chars = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
  const bytes = randomBytes(length)
  let out = ''
  for (let i = 0; i < length; i++) out += chars[(bytes[i] ?? 0) % chars.length]
  return out
}
