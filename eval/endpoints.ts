import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FakeAnthropic, type FakeMessagesRequest } from '../tests/fakes/anthropic.js'
import type { Exchange, ModelEndpoint } from './observe.js'

/** The fake Anthropic server as a model endpoint (fake mode). */
export function fakeEndpoint(fake: FakeAnthropic): ModelEndpoint {
  return {
    url: fake.url,
    apiKey: fake.apiKey,
    exchanges: () => fake.requests.map((r) => ({ request: r.body, response: r.response })),
    stop: () => fake.stop(),
  }
}

export async function startFakeEndpoint(): Promise<{ fake: FakeAnthropic; endpoint: ModelEndpoint }> {
  const fake = await new FakeAnthropic().start()
  return { fake, endpoint: fakeEndpoint(fake) }
}

/** Request headers passed through to the real API (the SDK's own, including the key). */
const FORWARDED = ['x-api-key', 'authorization', 'anthropic-version', 'anthropic-beta', 'content-type']

/**
 * A recording proxy in front of the real Messages API (real mode): the app's ANTHROPIC_BASE_URL points
 * here, each request is forwarded unchanged to `upstream`, and request and response bodies are kept so
 * tool calls are read the same way as from the fake. Nothing is logged; bodies stay in memory.
 */
export async function startRecordingProxy(upstream: string, apiKey: string): Promise<ModelEndpoint> {
  const exchanges: Exchange[] = []
  const server = createServer((req, res) => void forward(upstream, exchanges, req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    exchanges: () => exchanges,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function forward(upstream: string, exchanges: Exchange[], req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  const raw = Buffer.concat(chunks).toString('utf8')
  const headers: Record<string, string> = {}
  for (const h of FORWARDED) {
    const v = req.headers[h]
    if (typeof v === 'string') headers[h] = v
  }
  const exchange: Exchange = { request: safeJson(raw) as FakeMessagesRequest }
  if (req.url?.split('?')[0] === '/v1/messages') exchanges.push(exchange)
  try {
    const upstreamRes = await fetch(`${upstream.replace(/\/$/, '')}${req.url ?? ''}`, {
      method: req.method,
      headers,
      body: req.method === 'POST' ? raw : undefined,
    })
    const text = await upstreamRes.text()
    if (upstreamRes.ok) exchange.response = safeJson(text) as Exchange['response']
    res.writeHead(upstreamRes.status, { 'content-type': upstreamRes.headers.get('content-type') ?? 'application/json' })
    res.end(text)
  } catch (err) {
    res.writeHead(502, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: (err as Error).name } }))
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return { messages: [] }
  }
}
