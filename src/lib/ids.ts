import { randomBytes } from 'node:crypto'

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz' // Crockford base32, lower case: no i, l, o, u

let lastMs = 0
let seq = 0

/**
 * A prefixed id (`fam_…`) so a log line says what it points at. Like a ULID it sorts by creation:
 * 9 characters of milliseconds, 3 of a per-millisecond sequence, 8 random (40 bits). So rows created
 * in the same millisecond (the parts of a split reply, two texts in one burst) still sort in the order
 * they were made, which is the order the inbox worker and the console rely on. The time here only
 * orders ids; it is never read back as a business time (that comes from the injected clock).
 */
export function newId(prefix: string): string {
  const ms = Math.floor(performance.timeOrigin + performance.now())
  if (ms > lastMs) {
    lastMs = ms
    seq = 0
  } else {
    seq++ // same millisecond, or the wall clock stepped back: keep ids increasing
    if (seq >= 32 ** 3) {
      lastMs++
      seq = 0
    }
  }
  return `${prefix}_${base32(lastMs, 9)}${base32(seq, 3)}${randomChars(8)}`
}

function base32(n: number, width: number): string {
  let out = ''
  let rest = n
  for (let i = 0; i < width; i++) {
    out = ALPHABET[rest % 32] + out
    rest = Math.floor(rest / 32)
  }
  return out
}

// randomBytes has a fixed cost per call that dwarfs 8 bytes; draw from a pool refilled 4 KiB at a time.
let pool = randomBytes(4096)
let poolAt = 0

function randomChars(n: number): string {
  if (poolAt + n > pool.length) {
    pool = randomBytes(4096)
    poolAt = 0
  }
  let out = ''
  for (let i = 0; i < n; i++) out += ALPHABET[(pool[poolAt++] ?? 0) & 31]
  return out
}

/** A short human code without look-alike characters, for invitations and links. */
export function newCode(length = 6): string {
  const chars = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
  const bytes = randomBytes(length)
  let out = ''
  for (let i = 0; i < length; i++) out += chars[(bytes[i] ?? 0) % chars.length]
  return out
}
