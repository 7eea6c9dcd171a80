import type { FetchMedia, MediaRejection, MediaResult, MediaSource } from '../../domain/inbox/media.js'
import { baseType, isImageType, sniffImage } from './sniff.js'

export interface MediaFetcherOptions {
  /** Twilio's media sits under the REST API (`/2010-04-01/Accounts/{sid}/Messages/{MM}/Media/{ME}`), Basic auth. */
  twilio?: { accountSid: string; authToken: string; baseUrl?: string }
  /** Slack's `url_private` files, Bearer bot token. */
  slack?: { botToken: string; filesUrl?: string }
  /** Larger files are refused: by the declared size, Content-Length, or while streaming. */
  maxBytes: number
  /** The whole fetch, redirects and body included. */
  timeoutMs: number
}

export const TWILIO_MEDIA_BASE = 'https://api.twilio.com'
export const SLACK_FILES_BASE = 'https://files.slack.com'
const MAX_REDIRECTS = 3

interface Credentials {
  /** Only URLs on this origin (and, for Twilio, under this path) are fetched with credentials. */
  origin: string
  pathPrefix: string
  authorization: string
}

/**
 * Downloads a photo a member sent, with the provider's credentials, and only from the provider: a URL on
 * any other host is refused before a request is made, so a forged media URL can never carry our token
 * elsewhere. Redirects (Twilio answers with one to its CDN) are followed without the credentials unless
 * they stay on the provider's origin. The body is streamed and cut off past `maxBytes`; the declared type
 * and the bytes' own signature must both be an image type the model reads.
 */
export function createMediaFetcher(opts: MediaFetcherOptions): FetchMedia {
  return async (source: MediaSource) => {
    const creds = credentialsFor(opts, source)
    if (!creds || !allowed(source.url, creds)) return reject({ kind: 'not_allowed' })
    const declared = baseType(source.contentType)
    if (!isImageType(declared)) return reject({ kind: 'not_an_image', declared })
    if (source.size !== undefined && source.size > opts.maxBytes)
      return reject({ kind: 'too_big', bytes: source.size, limit: opts.maxBytes })
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(new Error('media fetch timed out')), opts.timeoutMs)
    try {
      return await download(source.url, creds, opts.maxBytes, controller)
    } catch (err) {
      return reject({ kind: 'unavailable', detail: (err as Error)?.name ?? 'Error' })
    } finally {
      clearTimeout(timer)
    }
  }
}

const reject = (rejected: MediaRejection): MediaResult => ({ ok: false, rejected })

function credentialsFor(opts: MediaFetcherOptions, source: MediaSource): Credentials | undefined {
  if ((source.channel === 'sms' || source.channel === 'whatsapp') && opts.twilio) {
    const { accountSid, authToken } = opts.twilio
    return {
      origin: new URL(opts.twilio.baseUrl ?? TWILIO_MEDIA_BASE).origin,
      pathPrefix: `/2010-04-01/Accounts/${accountSid}/`,
      authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
    }
  }
  if (source.channel === 'slack' && opts.slack) {
    return {
      origin: new URL(opts.slack.filesUrl ?? SLACK_FILES_BASE).origin,
      pathPrefix: '/',
      authorization: `Bearer ${opts.slack.botToken}`,
    }
  }
  return undefined
}

function allowed(url: string, creds: Credentials): boolean {
  if (!URL.canParse(url)) return false
  const u = new URL(url)
  return u.origin === creds.origin && u.pathname.startsWith(creds.pathPrefix) && !u.username && !u.password
}

async function download(
  first: string,
  creds: Credentials,
  maxBytes: number,
  controller: AbortController,
): Promise<MediaResult> {
  let url = first
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const onProvider = new URL(url).origin === creds.origin
    const res = await fetch(url, {
      redirect: 'manual',
      signal: controller.signal,
      headers: onProvider ? { authorization: creds.authorization } : {},
    })
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel()
      const next = redirectTarget(url, res.headers.get('location'), creds)
      if (!next) return reject({ kind: 'unavailable', detail: 'bad redirect' })
      url = next
      continue
    }
    if (res.status !== 200) {
      await res.body?.cancel()
      return reject({ kind: 'unavailable', detail: `status ${res.status}` })
    }
    return await readImage(res, maxBytes, controller)
  }
  return reject({ kind: 'unavailable', detail: 'too many redirects' })
}

/** Where a redirect goes: https, or the provider's own scheme (a local fake in tests). */
function redirectTarget(from: string, location: string | null, creds: Credentials): string | undefined {
  if (!location || !URL.canParse(location, from)) return undefined
  const next = new URL(location, from)
  const providerScheme = new URL(creds.origin).protocol
  return next.protocol === 'https:' || next.protocol === providerScheme ? next.toString() : undefined
}

async function readImage(res: Response, maxBytes: number, controller: AbortController): Promise<MediaResult> {
  const declared = baseType(res.headers.get('content-type'))
  // Refused before the body: abort the request, so the connection is dropped rather than drained.
  if (!isImageType(declared)) {
    controller.abort(new Error('media is not an image'))
    return reject({ kind: 'not_an_image', declared })
  }
  const length = Number(res.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(length) && length > maxBytes) {
    controller.abort(new Error('media over the size limit'))
    return reject({ kind: 'too_big', bytes: length, limit: maxBytes })
  }
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = res.body?.getReader()
  for (;;) {
    const next = await reader?.read()
    if (!next || next.done) break
    total += next.value.byteLength
    if (total > maxBytes) {
      // Stop reading and drop the connection: the rest is never downloaded.
      controller.abort(new Error('media over the size limit'))
      return reject({ kind: 'too_big', limit: maxBytes })
    }
    chunks.push(next.value)
  }
  const bytes = Buffer.concat(chunks)
  const mediaType = sniffImage(bytes)
  if (!mediaType) return reject({ kind: 'not_an_image', declared })
  return { ok: true, bytes, mediaType }
}
