import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A content block of the Messages API, as far as the fake needs to read it. */
export interface FakeBlock {
  type: string
  text?: string
  cache_control?: { type: string; ttl?: string }
  [k: string]: unknown
}

/** The request body of `POST /v1/messages`, as the SDK sent it. */
export interface FakeMessagesRequest {
  model: string
  max_tokens: number
  stream?: boolean
  system?: string | FakeBlock[]
  tools?: { name: string; description?: string; input_schema: Record<string, unknown>; cache_control?: unknown }[]
  messages: { role: 'user' | 'assistant'; content: string | FakeBlock[] }[]
  [k: string]: unknown
}

/** One request the fake received, with the headers that matter. */
export interface FakeAnthropicRequest {
  body: FakeMessagesRequest
  apiKey: string
  version: string
  /** The message the fake answered with (absent for an error or a hang). */
  response?: FakeMessage
}

/** A Messages API response as the fake sends it. */
export interface FakeMessage {
  id: string
  type: 'message'
  role: 'assistant'
  model: string
  content: FakeBlock[]
  stop_reason: 'tool_use' | 'end_turn'
  stop_sequence: null
  usage: {
    input_tokens: number
    output_tokens: number
    cache_creation_input_tokens: number
    cache_read_input_tokens: number
  }
}

/**
 * What to answer a request with: a final text, tool_use blocks (optionally after some text), an HTTP
 * error (429, 529, 500…), or a hang (the request never answers until released or stopped).
 */
export type FakeAnthropicReply =
  | { text: string }
  | { toolUse: { name: string; input: unknown }[]; text?: string }
  | { status: number }
  | 'hang'

/**
 * A scripted step: a reply, or a function of the request that returns one. A function step plays the
 * model: it reads what the agent sent (the tool_result blocks, the system prompt) and answers from it,
 * so a test of the answer is a test of the tool → agent → reply plumbing, not of a canned string.
 */
export type FakeAnthropicStep = FakeAnthropicReply | ((request: FakeMessagesRequest) => FakeAnthropicReply)

/** A tool_result block of a request, with the tool_use it answers. */
export interface FakeToolResult {
  toolUseId: string
  /** The tool's name, from the assistant tool_use block with the same id. */
  name: string | undefined
  input: unknown
  /** The result text, as the agent sent it. */
  content: string
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
}

/**
 * A local stand-in for api.anthropic.com: `POST /v1/messages`, non-streaming and streaming (SSE), with
 * the full response shape including usage and prompt-cache token counts. Scripted per test with
 * `reply(...)`; when the script is empty it answers `defaultText`. Records every request.
 */
export class FakeAnthropic {
  readonly requests: FakeAnthropicRequest[] = []
  defaultText = 'OK.'
  /** Answers when the script is empty (before `defaultText`): a model that is a function of the request. */
  respond: ((request: FakeMessagesRequest) => FakeAnthropicReply) | undefined
  private script: FakeAnthropicStep[] = []
  private server: Server | undefined
  private hanging: ServerResponse[] = []
  /** Cached prefixes seen (hash of tools + system up to the last cache breakpoint), as the API's cache. */
  private cached = new Set<string>()
  private seq = 0
  url = ''

  constructor(readonly apiKey = 'sk-ant-test-key-0123456789') {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    const { port } = this.server.address() as AddressInfo
    this.url = `http://127.0.0.1:${port}`
    return this
  }

  /** The next requests answer these, in order. */
  reply(...steps: FakeAnthropicStep[]): void {
    this.script.push(...steps)
  }

  /** Scripted steps not used yet. */
  get pending(): number {
    return this.script.length
  }

  /** Drops the steps not used yet; returns how many there were. */
  clearScript(): number {
    const n = this.script.length
    this.script = []
    return n
  }

  /** Drops the connections of hanging requests: the client sees a network error. */
  releaseHanging(): void {
    for (const res of this.hanging) res.destroy()
    this.hanging = []
  }

  /** The image blocks of a request's messages (a photo sent for reading). */
  images(i: number): { type: 'image'; source: { type: string; media_type: string; data: string } }[] {
    const blocks = (this.requests[i]?.body.messages ?? []).flatMap((m) =>
      typeof m.content === 'string' ? [] : m.content,
    )
    return blocks.filter((b) => b.type === 'image') as unknown as {
      type: 'image'
      source: { type: string; media_type: string; data: string }
    }[]
  }

  /** The tool_result blocks of a request, by tool_use id. */
  toolResults(i: number): { tool_use_id: string; content: unknown }[] {
    const last = this.requests[i]?.body.messages.at(-1)
    if (!last || typeof last.content === 'string') return []
    return last.content.filter((b) => b.type === 'tool_result') as unknown as {
      tool_use_id: string
      content: unknown
    }[]
  }

  async stop(): Promise<void> {
    this.releaseHanging()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()))
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/messages') {
      return error(res, 404, 'not_found_error')
    }
    const raw = await readBody(req)
    const key =
      String(req.headers['x-api-key'] ?? '') || String(req.headers.authorization ?? '').replace(/^Bearer /, '')
    if (key !== this.apiKey) return error(res, 401, 'authentication_error')
    const body = JSON.parse(raw) as FakeMessagesRequest
    const record: FakeAnthropicRequest = { body, apiKey: key, version: String(req.headers['anthropic-version'] ?? '') }
    this.requests.push(record)
    const step = this.next(body)
    if (step === 'hang') {
      this.hanging.push(res)
      return
    }
    if ('status' in step) return error(res, step.status, ERROR_TYPES[step.status] ?? 'api_error')
    const message = this.message(body, step)
    record.response = message
    if (body.stream) return stream(res, message)
    return json(res, 200, message)
  }

  /** The next scripted step (a function step is called with the request), else `respond`, else the default. */
  private next(body: FakeMessagesRequest): FakeAnthropicReply {
    const step = this.script.shift()
    try {
      if (typeof step === 'function') return step(body)
      if (step !== undefined) return step
      return this.respond?.(body) ?? { text: this.defaultText }
    } catch (err) {
      // A function step that cannot answer (it expected a tool result that is not there) says so, so the
      // test that relies on it fails with the reason instead of a hang.
      return { text: `[fake model: ${(err as Error).message}]` }
    }
  }

  private message(body: FakeMessagesRequest, step: Exclude<FakeAnthropicReply, 'hang' | { status: number }>) {
    const content: FakeBlock[] = []
    if (step.text !== undefined) content.push({ type: 'text', text: step.text, citations: null })
    const uses = 'toolUse' in step ? step.toolUse : []
    for (const use of uses)
      content.push({ type: 'tool_use', id: `toolu_${++this.seq}`, name: use.name, input: use.input })
    const message: FakeMessage = {
      id: `msg_${++this.seq}`,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content,
      stop_reason: uses.length ? 'tool_use' : 'end_turn',
      stop_sequence: null,
      usage: this.usage(body, JSON.stringify(content)),
    }
    return message
  }

  /** Token counts as the API reports them: a cached prefix is written once, then read. */
  private usage(body: FakeMessagesRequest, output: string) {
    const tokens = (s: string) => Math.ceil(s.length / 4)
    const prefix = cachedPrefix(body)
    const all = tokens(JSON.stringify({ t: body.tools, s: body.system, m: body.messages }))
    const prefixTokens = prefix ? tokens(prefix) : 0
    const hash = prefix ? createHash('sha256').update(prefix).digest('hex') : ''
    const hit = prefix !== undefined && this.cached.has(hash)
    if (prefix !== undefined) this.cached.add(hash)
    return {
      input_tokens: Math.max(1, all - prefixTokens),
      output_tokens: tokens(output),
      cache_creation_input_tokens: prefix && !hit ? prefixTokens : 0,
      cache_read_input_tokens: hit ? prefixTokens : 0,
    }
  }
}

/**
 * The tool_result blocks of a request's last message, each with the name and input of the tool_use it
 * answers (from the assistant message before it). Content blocks are joined into one text.
 */
export function toolResultsOf(body: FakeMessagesRequest): FakeToolResult[] {
  const last = body.messages.at(-1)
  if (!last || typeof last.content === 'string') return []
  const uses = new Map<string, FakeBlock>()
  for (const m of body.messages) {
    if (m.role !== 'assistant' || typeof m.content === 'string') continue
    for (const b of m.content) if (b.type === 'tool_use') uses.set(String(b.id), b)
  }
  return last.content
    .filter((b) => b.type === 'tool_result')
    .map((b) => {
      const id = String(b.tool_use_id)
      const use = uses.get(id)
      return { toolUseId: id, name: use?.name as string | undefined, input: use?.input, content: blockText(b.content) }
    })
}

function blockText(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content.map((c: { text?: unknown }) => (typeof c?.text === 'string' ? c.text : '')).join('')
}

/** Tools, then system blocks, up to and including the last block marked with cache_control. */
function cachedPrefix(body: FakeMessagesRequest): string | undefined {
  const parts: unknown[] = []
  let end = -1
  for (const tool of body.tools ?? []) {
    parts.push(tool)
    if (tool.cache_control) end = parts.length
  }
  for (const block of Array.isArray(body.system) ? body.system : []) {
    parts.push(block)
    if (block.cache_control) end = parts.length
  }
  return end < 0 ? undefined : JSON.stringify(parts.slice(0, end))
}

/** The same message as server-sent events, the way the API streams it. */
function stream(res: ServerResponse, message: FakeMessage) {
  res.writeHead(200, { 'content-type': 'text/event-stream' })
  const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  send('message_start', {
    type: 'message_start',
    message: { ...message, content: [], stop_reason: null, usage: { ...message.usage, output_tokens: 0 } },
  })
  for (const [index, block] of message.content.entries()) {
    if (block.type === 'text') {
      send('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } })
      send('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: 'text_delta', text: block.text },
      })
    } else {
      send('content_block_start', { type: 'content_block_start', index, content_block: { ...block, input: {} } })
      const partial = JSON.stringify(block.input)
      send('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json: partial },
      })
    }
    send('content_block_stop', { type: 'content_block_stop', index })
  }
  send('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: message.stop_reason, stop_sequence: null },
    usage: { output_tokens: message.usage.output_tokens },
  })
  send('message_stop', { type: 'message_stop' })
  res.end()
}

function error(res: ServerResponse, status: number, type: string) {
  res.setHeader('request-id', `req_${status}`)
  json(res, status, { type: 'error', error: { type, message: `scripted ${status}` }, request_id: `req_${status}` })
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
