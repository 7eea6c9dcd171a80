import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One message the fake received through the real twilio client. */
export interface FakeTwilioMessage {
  sid: string
  accountSid: string
  to: string
  from: string
  /** Empty for a template message, which carries no Body. */
  body: string
  /** WhatsApp template (Content API) sends: the ContentSid and the parsed ContentVariables. */
  contentSid?: string
  contentVariables?: Record<string, string>
  statusCallback?: string
  /** MediaUrl parameters (MMS / WhatsApp media): the URLs Twilio would fetch. */
  mediaUrls: string[]
  auth: string
  /** performance.now() when the fake accepted it: benches measure inbound-to-outbound latency with it. */
  receivedAt: number
}

/** One call the fake was asked to place (an SOS escalation), with the TwiML it would run. */
export interface FakeTwilioCall {
  sid: string
  to: string
  from: string
  twiml: string
  statusCallback?: string
  receivedAt: number
}

/** A file the fake serves as Twilio serves MMS/WhatsApp media: behind Basic auth, then a redirect to a CDN. */
export interface FakeMedia {
  bytes: Buffer
  contentType: string
  /** Send no Content-Length (chunked), so only the streaming limit can stop a large file. */
  chunked?: boolean
}

/** One GET the fake received for media: the API URL (with auth) or the CDN it redirects to. */
export interface FakeMediaRequest {
  path: string
  host: string
  auth: string
}

/** What to answer the next create call with: a status and optional Twilio error code, or a hang. */
export type FakeTwilioScript = { status: number; code?: number } | 'hang'

/**
 * A local stand-in for api.twilio.com: accepts `POST /2010-04-01/Accounts/{sid}/Messages.json` as the
 * real API does (form body, Basic auth), records each accepted message, and can be scripted to answer
 * 429/500/4xx or to hang, one request at a time.
 */
export class FakeTwilio {
  readonly messages: FakeTwilioMessage[] = []
  /** Calls placed through `POST …/Calls.json`. */
  readonly calls: FakeTwilioCall[] = []
  onCall: ((c: FakeTwilioCall) => void) | undefined
  /** Milliseconds every create request waits before answering (a provider's round trip, for benches). */
  delayMs = 0
  /** Every create request, including the ones answered with an error. */
  requests = 0
  /** Called for each accepted message, e.g. by a bench waiting for replies. */
  onMessage: ((m: FakeTwilioMessage) => void) | undefined
  /** Every GET for media, API and CDN alike. */
  readonly mediaRequests: FakeMediaRequest[] = []
  private readonly media = new Map<string, FakeMedia>()
  private mediaAuth = ''
  private script: FakeTwilioScript[] = []
  private server: Server | undefined
  private hanging: ServerResponse[] = []
  private seq = 0
  url = ''

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    const { port } = this.server.address() as AddressInfo
    this.url = `http://127.0.0.1:${port}`
    return this
  }

  /** Every message to this `To` (e.g. `+1555…` or `whatsapp:+1555…`) answers the script, until cleared; calls are not affected. */
  readonly failingTo = new Map<string, FakeTwilioScript>()

  /** The next requests answer these, in order; afterwards requests succeed again. */
  failNext(...script: FakeTwilioScript[]): void {
    this.script.push(...script)
  }

  /** Drops the connections of hanging requests: the client sees a network error. */
  releaseHanging(): void {
    for (const res of this.hanging) res.destroy()
    this.hanging = []
  }

  async stop(): Promise<void> {
    this.releaseHanging()
    // A media download cut off part-way leaves its connection open; do not wait for it.
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()))
  }

  /**
   * Serves a file as inbound media and returns its `MediaUrl`: `GET` with Basic auth `accountSid:authToken`
   * answers 307 to the CDN (`http://localhost:<port>/cdn/…`, another origin, as Twilio's CDN is), which
   * serves the bytes without auth. Wrong or missing auth answers 401.
   */
  addMedia(accountSid: string, authToken: string, file: FakeMedia): string {
    this.mediaAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`
    const id = `ME${String(this.media.size + 1).padStart(32, '0')}`
    this.media.set(id, file)
    return `${this.url}/2010-04-01/Accounts/${accountSid}/Messages/MM${'0'.repeat(32)}/Media/${id}`
  }

  private serveMedia(req: IncomingMessage, res: ServerResponse) {
    const path = req.url ?? ''
    this.mediaRequests.push({ path, host: req.headers.host ?? '', auth: req.headers.authorization ?? '' })
    const api = path.match(/^\/2010-04-01\/Accounts\/AC\w+\/Messages\/MM\w+\/Media\/(ME\w+)$/)
    if (api?.[1]) {
      if (req.headers.authorization !== this.mediaAuth) return json(res, 401, { code: 20003, status: 401 })
      if (!this.media.has(api[1])) return json(res, 404, { code: 20404, status: 404 })
      const port = new URL(this.url).port
      res.writeHead(307, { location: `http://localhost:${port}/cdn/${api[1]}` })
      return res.end()
    }
    const file = this.media.get(path.match(/^\/cdn\/(ME\w+)$/)?.[1] ?? '')
    if (!file) return json(res, 404, { code: 20404, status: 404 })
    res.writeHead(200, {
      'content-type': file.contentType,
      ...(file.chunked ? {} : { 'content-length': String(file.bytes.length) }),
    })
    // Written in pieces, so a client that stops reading part-way really leaves the rest unsent.
    for (let i = 0; i < file.bytes.length; i += 64 * 1024) res.write(file.bytes.subarray(i, i + 64 * 1024))
    res.end()
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method === 'GET') return this.serveMedia(req, res)
    const match = req.url?.match(/^\/2010-04-01\/Accounts\/(AC\w+)\/(Messages|Calls)\.json$/)
    if (req.method !== 'POST' || !match) return json(res, 404, { code: 20404, message: 'not found', status: 404 })
    const raw = await readBody(req)
    this.requests++
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs))
    const form = new URLSearchParams(raw)
    if (this.answeredByScript(res, match[2] === 'Messages' ? (form.get('To') ?? '') : '')) return
    if (match[2] === 'Calls') return this.call(res, match[1] ?? '', form)
    // As the real API: a message needs a Body, a MediaUrl or a ContentSid (error 21619).
    if (!form.get('Body') && !form.get('MediaUrl') && !form.get('ContentSid')) {
      return json(res, 400, {
        code: 21619,
        message: 'A text message body or media urls must be specified.',
        status: 400,
      })
    }
    const variables = form.get('ContentVariables')
    const sid = `SM${String(++this.seq).padStart(32, '0')}`
    const msg: FakeTwilioMessage = {
      sid,
      accountSid: match[1] ?? '',
      to: form.get('To') ?? '',
      from: form.get('From') ?? '',
      body: form.get('Body') ?? '',
      contentSid: form.get('ContentSid') ?? undefined,
      contentVariables: variables ? (JSON.parse(variables) as Record<string, string>) : undefined,
      statusCallback: form.get('StatusCallback') ?? undefined,
      mediaUrls: form.getAll('MediaUrl'),
      auth: req.headers.authorization ?? '',
      receivedAt: performance.now(),
    }
    this.messages.push(msg)
    this.onMessage?.(msg)
    const now = new Date().toUTCString()
    return json(res, 201, {
      account_sid: msg.accountSid,
      api_version: '2010-04-01',
      body: msg.body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: msg.from,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid,
      status: 'queued',
      to: msg.to,
      uri: `/2010-04-01/Accounts/${msg.accountSid}/Messages/${sid}.json`,
    })
  }

  /** Answers with the script (a failure for this recipient, or the next scripted answer); false when none. */
  private answeredByScript(res: ServerResponse, to: string): boolean {
    const next = this.failingTo.get(to) ?? this.script.shift()
    if (!next) return false
    if (next === 'hang') {
      this.hanging.push(res)
      return true
    }
    json(res, next.status, {
      code: next.code ?? next.status,
      message: `scripted ${next.status}`,
      more_info: `https://www.twilio.com/docs/errors/${next.code ?? next.status}`,
      status: next.status,
    })
    return true
  }

  /** Records a placed call and answers as Twilio's Calls API does. */
  private call(res: ServerResponse, accountSid: string, form: URLSearchParams) {
    const sid = `CA${String(this.calls.length + 1).padStart(32, '0')}`
    const call: FakeTwilioCall = {
      sid,
      to: form.get('To') ?? '',
      from: form.get('From') ?? '',
      twiml: form.get('Twiml') ?? '',
      statusCallback: form.get('StatusCallback') ?? undefined,
      receivedAt: performance.now(),
    }
    this.calls.push(call)
    this.onCall?.(call)
    json(res, 201, {
      sid,
      account_sid: accountSid,
      to: call.to,
      from: call.from,
      status: 'queued',
      direction: 'outbound-api',
      api_version: '2010-04-01',
      uri: `/2010-04-01/Accounts/${accountSid}/Calls/${sid}.json`,
    })
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}
