import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One Web API call the fake received through the real WebClient. */
export interface FakeSlackCall {
  method: string
  args: Record<string, unknown>
  auth: string
  /** The HTTP status the fake answered with. */
  status: number
  /** Whether the answer was `ok: true`. */
  ok?: boolean
  /** chat.postMessage: the ts the fake gave the message. */
  ts?: string
}

/** A Block Kit block as the fake received it (JSON, or a JSON string in a form body). */
export type SlackBlock = { type: string; block_id?: string; text?: { text: string }; elements?: SlackButton[] }
export type SlackButton = { type: string; action_id: string; value: string; text: { text: string }; style?: string }

/** What to answer the next call of a method with: a 429 with Retry-After, or `{ ok: false, error }`. */
export type FakeSlackScript = { status: 429; retryAfter: number } | { error: string }

/** One GET the fake received for a private file. */
export interface FakeSlackFileRequest {
  path: string
  auth: string
}

/** A Block Kit view as the app sent it (a modal or a Home tab). */
export interface SlackView {
  type: string
  callback_id?: string
  private_metadata?: string
  blocks: { type: string; block_id?: string; text?: { text: string }; element?: Record<string, unknown> }[]
  [key: string]: unknown
}

export const FAKE_BOT_USER = 'U0BOT0001'
export const FAKE_BOT_ID = 'B0BOT0001'

/**
 * A local stand-in for https://slack.com/api/: `POST /api/<method>` with a form or JSON body and a
 * Bearer token, as @slack/web-api sends it. Implements conversations.open, chat.postMessage, auth.test,
 * views.open, views.publish and users.info, records every call, and can be scripted per method (429 + Retry-After, or a platform error).
 */
export class FakeSlack {
  readonly calls: FakeSlackCall[] = []
  /** Files uploaded to the URL files.getUploadURLExternal handed out: their id and size in bytes. */
  readonly uploads: { fileId: string; bytes: number }[] = []
  readonly fileRequests: FakeSlackFileRequest[] = []
  private readonly files = new Map<string, { bytes: Buffer; mimetype: string }>()
  private readonly scripts = new Map<string, FakeSlackScript[]>()
  private server: Server | undefined
  private seq = 0
  url = ''

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    const { port } = this.server.address() as AddressInfo
    this.url = `http://127.0.0.1:${port}/api/`
    return this
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()))
  }

  /** The next calls of `method` answer these, in order; afterwards it succeeds again. */
  failNext(method: string, ...script: FakeSlackScript[]): void {
    this.scripts.set(method, [...(this.scripts.get(method) ?? []), ...script])
  }

  /** Messages posted successfully, in order. */
  get posted(): { channel: string; text: string; thread_ts?: string }[] {
    return this.calls
      .filter((c) => c.method === 'chat.postMessage' && c.status === 200 && c.ok)
      .map((c) => ({
        channel: String(c.args.channel),
        text: String(c.args.text),
        ...(c.args.thread_ts ? { thread_ts: String(c.args.thread_ts) } : {}),
      }))
  }

  /** Messages posted successfully with their ts and Block Kit blocks (when any), in order. */
  get messages(): { channel: string; text: string; thread_ts?: string; ts?: string; blocks?: SlackBlock[] }[] {
    return this.calls
      .filter((c) => c.method === 'chat.postMessage' && c.status === 200 && c.ok)
      .map((c) => ({
        channel: String(c.args.channel),
        text: String(c.args.text),
        ...(c.args.thread_ts ? { thread_ts: String(c.args.thread_ts) } : {}),
        ...(c.ts ? { ts: c.ts } : {}),
        ...(c.args.blocks ? { blocks: blocksOf(c.args.blocks) } : {}),
      }))
  }

  /** Messages edited in place (chat.update) successfully, in order. */
  get updated(): { channel: string; ts: string; text: string; blocks?: SlackBlock[] }[] {
    return this.calls
      .filter((c) => c.method === 'chat.update' && c.status === 200 && c.ok)
      .map((c) => ({
        channel: String(c.args.channel),
        ts: String(c.args.ts),
        text: String(c.args.text),
        ...(c.args.blocks !== undefined ? { blocks: blocksOf(c.args.blocks) } : {}),
      }))
  }

  /** Ephemeral messages (chat.postEphemeral), in order. */
  get ephemeral(): { channel: string; user: string; text: string }[] {
    return this.calls
      .filter((c) => c.method === 'chat.postEphemeral' && c.status === 200 && c.ok)
      .map((c) => ({ channel: String(c.args.channel), user: String(c.args.user), text: String(c.args.text) }))
  }

  /** The message with this ts as it stands now: its last update, else as posted. */
  message(channel: string, ts: string): { text: string; blocks?: SlackBlock[] } | undefined {
    const update = this.updated.filter((u) => u.channel === channel && u.ts === ts).at(-1)
    return update ?? this.messages.find((p) => p.channel === channel && p.ts === ts)
  }

  /** Views opened (modals) and published (App Home), in order, with the view parsed. */
  views(method: 'views.open' | 'views.publish'): { userId?: string; triggerId?: string; view: SlackView }[] {
    return this.calls
      .filter((c) => c.method === method && c.ok)
      .map((c) => ({
        ...(c.args.user_id ? { userId: String(c.args.user_id) } : {}),
        ...(c.args.trigger_id ? { triggerId: String(c.args.trigger_id) } : {}),
        view: (typeof c.args.view === 'string' ? JSON.parse(c.args.view) : c.args.view) as SlackView,
      }))
  }

  /** The DM channel the fake opens for a user: `D` + the user id without its `U`. */
  static dmOf(user: string): string {
    return `D${user.slice(1)}`
  }

  /** Where private files are served (SLACK_FILES_URL): this server's origin. */
  get filesUrl(): string {
    return new URL(this.url).origin
  }

  /**
   * Serves a file at a `url_private` and returns the file object an event carries. As Slack does, a request
   * without the bot token gets a sign-in page (200, text/html) instead of the file.
   */
  addFile(bytes: Buffer, mimetype: string): { url_private: string; mimetype: string; size: number; id: string } {
    const id = `F${String(this.files.size + 1).padStart(9, '0')}`
    const path = `/files-pri/T0001-${id}/label.${mimetype.split('/')[1] ?? 'bin'}`
    this.files.set(path, { bytes, mimetype })
    return { id, url_private: `${this.filesUrl}${path}`, mimetype, size: bytes.length }
  }

  private serveFile(req: IncomingMessage, res: ServerResponse) {
    const path = req.url ?? ''
    const auth = req.headers.authorization ?? ''
    this.fileRequests.push({ path, auth })
    const file = this.files.get(path)
    if (!file) return json(res, 404, { ok: false, error: 'file_not_found' })
    if (!auth.startsWith('Bearer xoxb-')) {
      res.writeHead(200, { 'content-type': 'text/html' })
      return res.end('<!DOCTYPE html><html><body>Sign in to Slack</body></html>')
    }
    res.writeHead(200, { 'content-type': file.mimetype, 'content-length': String(file.bytes.length) })
    res.end(file.bytes)
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    // Step 2 of files.uploadV2: the bytes, to the URL step 1 returned (files.slack.com in production).
    const upload = req.url?.match(/^\/upload\/(F\w+)$/)?.[1]
    if (upload) {
      const chunks: Buffer[] = []
      for await (const c of req) chunks.push(c as Buffer)
      this.uploads.push({ fileId: upload, bytes: Buffer.concat(chunks).length })
      res.writeHead(200, { 'content-type': 'text/plain' })
      return res.end(`OK - ${Buffer.concat(chunks).length}`)
    }
    if (req.method === 'GET' && req.url?.startsWith('/files-pri/')) return this.serveFile(req, res)
    const method = req.url?.match(/^\/api\/([\w.]+)$/)?.[1]
    const raw = await readBody(req)
    if (req.method !== 'POST' || !method) return json(res, 404, { ok: false, error: 'unknown_method' })
    const args = parseArgs(raw, req.headers['content-type'] ?? '')
    const call: FakeSlackCall = { method, args, auth: req.headers.authorization ?? '', status: 200 }
    this.calls.push(call)
    const next = this.scripts.get(method)?.shift()
    if (next && 'retryAfter' in next) {
      call.status = 429
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(next.retryAfter) })
      return res.end(JSON.stringify({ ok: false, error: 'ratelimited' }))
    }
    if (next) return json(res, 200, { ok: false, error: next.error })
    if (!call.auth.startsWith('Bearer xoxb-')) return json(res, 200, { ok: false, error: 'not_authed' })
    const answer = this.answer(method, args)
    call.ok = answer.ok === true
    if (typeof answer.ts === 'string' && method === 'chat.postMessage') call.ts = answer.ts
    return json(res, 200, answer)
  }

  /** Slack's two-step file upload (files.getUploadURLExternal, then files.completeUploadExternal). */
  private answerFiles(method: string, args: Record<string, unknown>): Record<string, unknown> {
    if (method === 'files.getUploadURLExternal') {
      const fileId = `F${String(++this.seq).padStart(8, '0')}`
      return { ok: true, file_id: fileId, upload_url: `${this.url.replace(/\/api\/$/, '')}/upload/${fileId}` }
    }
    const files = JSON.parse(String(args.files ?? '[]')) as { id: string; title?: string }[]
    if (!args.channel_id) return { ok: false, error: 'channel_not_found' }
    return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) }
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://example.slack.com/',
          team: 'Example',
          team_id: 'T0001',
          user_id: FAKE_BOT_USER,
          bot_id: FAKE_BOT_ID,
        }
      case 'conversations.open':
        return { ok: true, channel: { id: FakeSlack.dmOf(String(args.users ?? 'U')) } }
      case 'chat.postMessage': {
        if (!args.channel) return { ok: false, error: 'channel_not_found' }
        if (!args.text && !args.blocks) return { ok: false, error: 'no_text' }
        const ts = `1789560000.${String(++this.seq).padStart(6, '0')}`
        return {
          ok: true,
          channel: args.channel,
          ts,
          message: { type: 'message', text: args.text, bot_id: FAKE_BOT_ID, ts },
        }
      }
      case 'files.getUploadURLExternal':
      case 'files.completeUploadExternal':
        return this.answerFiles(method, args)
      case 'chat.update': {
        const known = this.messages.some((p) => p.channel === args.channel && p.ts === args.ts)
        if (!known) return { ok: false, error: 'message_not_found' }
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text }
      }
      case 'chat.postEphemeral':
        if (!args.channel || !args.user) return { ok: false, error: 'channel_not_found' }
        return { ok: true, message_ts: `1789560000.${String(++this.seq).padStart(6, '0')}` }
      case 'views.open':
      case 'views.publish': {
        const view = typeof args.view === 'string' ? (JSON.parse(args.view) as Record<string, unknown>) : args.view
        if (!view) return { ok: false, error: 'invalid_arguments' }
        if (method === 'views.open' && !args.trigger_id) return { ok: false, error: 'invalid_trigger_id' }
        return { ok: true, view: { id: `V${String(++this.seq).padStart(8, '0')}`, ...(view as object) } }
      }
      case 'users.info':
        return {
          ok: true,
          user: { id: args.user, name: 'someone', real_name: 'Someone', profile: { display_name: 'Someone' } },
        }
      default:
        return { ok: false, error: 'unknown_method' }
    }
  }
}

function blocksOf(raw: unknown): SlackBlock[] {
  return (typeof raw === 'string' ? JSON.parse(raw) : raw) as SlackBlock[]
}

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {}
  return Object.fromEntries(new URLSearchParams(raw))
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
