import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Signed, expiring URLs for media that a provider fetches (Twilio's MediaUrl): the path and an expiry
 * time, signed with HMAC-SHA256 under a server secret. Anyone holding the URL may fetch it until it
 * expires — it is a capability, sent only to the person who asked — and a changed path, expiry or
 * signature is refused (docs/decisions/0034-signed-media-urls.md).
 */
export type UrlCheck = 'ok' | 'expired' | 'invalid'

export class UrlSigner {
  constructor(
    private readonly secret: string,
    /** How long a URL lives, in seconds. */
    readonly ttlSeconds: number,
  ) {}

  /** `path?exp=<epoch seconds>&sig=<base64url>`, valid for `ttlSeconds` from `now`. */
  sign(path: string, now: Date): string {
    const exp = Math.floor(now.getTime() / 1000) + this.ttlSeconds
    return `${path}?exp=${exp}&sig=${this.mac(path, exp)}`
  }

  /** Checks a request's path, `exp` and `sig` at `now`. */
  check(path: string, exp: unknown, sig: unknown, now: Date): UrlCheck {
    if (typeof exp !== 'string' || !/^\d{1,12}$/.test(exp) || typeof sig !== 'string') return 'invalid'
    const expected = Buffer.from(this.mac(path, Number(exp)))
    const given = Buffer.from(sig)
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid'
    return Number(exp) * 1000 < now.getTime() ? 'expired' : 'ok'
  }

  private mac(path: string, exp: number): string {
    return createHmac('sha256', this.secret).update(`${path}\n${exp}`).digest('base64url')
  }
}
