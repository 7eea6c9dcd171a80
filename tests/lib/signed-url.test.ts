import { describe, expect, it } from 'vitest'
import { UrlSigner } from '../../src/lib/signed-url.js'

const NOW = new Date('2026-03-10T15:00:00Z')
const signer = new UrlSigner('x'.repeat(32), 600)

function parts(url: string) {
  const u = new URL(url, 'https://example.com')
  return { path: u.pathname, exp: u.searchParams.get('exp') ?? '', sig: u.searchParams.get('sig') ?? '' }
}

describe('signed, expiring URLs', () => {
  it('accepts its own URL until the expiry, then says expired', () => {
    const { path, exp, sig } = parts(signer.sign('/media/med_1', NOW))
    expect(Number(exp)).toBe(NOW.getTime() / 1000 + 600)
    expect(signer.check(path, exp, sig, NOW)).toBe('ok')
    expect(signer.check(path, exp, sig, new Date(NOW.getTime() + 600_000))).toBe('ok')
    expect(signer.check(path, exp, sig, new Date(NOW.getTime() + 601_000))).toBe('expired')
  })

  it('refuses another path, a moved expiry, a changed signature, another secret, or missing parts', () => {
    const { path, exp, sig } = parts(signer.sign('/media/med_1', NOW))
    expect(signer.check('/media/med_2', exp, sig, NOW)).toBe('invalid')
    expect(signer.check(path, String(Number(exp) + 1), sig, NOW)).toBe('invalid')
    expect(signer.check(path, exp, `${sig.slice(1)}A`, NOW)).toBe('invalid')
    expect(signer.check(path, exp, sig.slice(0, 10), NOW)).toBe('invalid')
    expect(new UrlSigner('y'.repeat(32), 600).check(path, exp, sig, NOW)).toBe('invalid')
    expect(signer.check(path, undefined, sig, NOW)).toBe('invalid')
    expect(signer.check(path, '12e3', sig, NOW)).toBe('invalid')
    expect(signer.check(path, exp, undefined, NOW)).toBe('invalid')
  })
})
