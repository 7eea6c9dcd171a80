import { type ChildProcess, execFileSync, fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import twilio from 'twilio'
import { type Config, loadConfig } from '../src/config.js'

export const ACCOUNT_SID = `AC${'b'.repeat(32)}`
export const AUTH_TOKEN = 'bench-auth-token-0123456789abcdef'
export const SMS_FROM = '+15550009999'
export const PUBLIC_BASE_URL = 'https://mednanny.example.com'
export const WEBHOOK_PATH = '/webhooks/twilio/messages'
const SIGNED_URL = PUBLIC_BASE_URL + WEBHOOK_PATH

/** One row of the summary table printed at the end. */
export interface Row {
  scenario: string
  figure: string
  baseline: string
  ratio: number
  goal: string
  met: boolean
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mednanny-bench-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export const SLACK_SIGNING_SECRET = 'bench-slack-signing-secret-0123'
export const SLACK_EVENTS_PATH = '/slack/events'

/** The app's config for a bench: Twilio on (so webhooks verify), Slack too when asked, logs silent, DB in `dir`. */
export function benchConfig(dir: string, fakeUrl?: string, slack = false): Config {
  return loadConfig({
    ...(slack
      ? {
          SLACK_SIGNING_SECRET,
          SLACK_BOT_TOKEN: 'xoxb-bench-0000',
          // As for Twilio: a closed port, so an accidental Web API call fails instead of reaching Slack.
          SLACK_API_URL: 'http://127.0.0.1:9/api/',
        }
      : {}),
    DATABASE_PATH: join(dir, 'mednanny.db'),
    PUBLIC_BASE_URL,
    LOG_LEVEL: 'silent',
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_SMS_FROM: SMS_FROM,
    // Ingest never sends; a closed port makes any accidental send fail loudly rather than reach Twilio.
    TWILIO_API_BASE_URL: fakeUrl ?? 'http://127.0.0.1:9',
  })
}

/** Distinct member phones, `+1555010xxxx`. The first is the family's owner. */
export const memberPhones = (n: number) => Array.from({ length: n }, (_, i) => `+1555010${String(i).padStart(4, '0')}`)

export interface SignedRequest {
  body: string
  headers: Record<string, string>
  /** Where it is posted (default the Twilio webhook). */
  path?: string
}

/**
 * A webhook as Twilio sends it: the full field set of a real SMS webhook (so parsing and signing cost
 * what they cost in production) and a fresh MessageSid, because a repeated one is a cheap duplicate.
 */
export function signedInbound(from: string, text: string): SignedRequest {
  const sid = `SM${randomBytes(16).toString('hex')}`
  const params: Record<string, string> = {
    ToCountry: 'US',
    ToState: 'CA',
    SmsMessageSid: sid,
    NumMedia: '0',
    ToCity: '',
    FromZip: '',
    SmsSid: sid,
    FromState: 'CA',
    SmsStatus: 'received',
    FromCity: '',
    Body: text,
    FromCountry: 'US',
    To: SMS_FROM,
    ToZip: '',
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: ACCOUNT_SID,
    From: from,
    ApiVersion: '2010-04-01',
  }
  return {
    body: new URLSearchParams(params).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, SIGNED_URL, params),
    },
  }
}

// One keep-alive agent for the open-loop client, so each message costs a request, not a TCP handshake.
export const agent = new Agent({ keepAlive: true })

/** POSTs a signed webhook and resolves with the status once the response is read. */
export function postWebhook(baseUrl: string, r: SignedRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${WEBHOOK_PATH}`, { method: 'POST', headers: r.headers, agent }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end(r.body)
  })
}

/** The p-th percentile (0–100) of ascending values, nearest rank. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] ?? Number.NaN
}

export const ms = (n: number) => `${n.toFixed(1)} ms`
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
export const sleep = (n: number) => new Promise((r) => setTimeout(r, n))

/** What the server process says about itself: memory after a full GC, and CPU used so far. */
export interface ServerStats {
  rss: number
  heapUsed: number
  gc: boolean
  /** CPU time the server process used so far (user + system), in ms. */
  cpuMs: number
}

export type ServerKind = 'mednanny' | 'baseline-ingest' | 'baseline-send'

export interface ServerOptions {
  /** Where the fake Twilio listens (in this process); the server sends its replies there. */
  fakeUrl?: string
  /** Start the inbox worker and outbox sender (`app.mednanny.start()`). */
  start?: boolean
  /** Configure Slack too (POST /slack/events through Bolt). */
  slack?: boolean
  /**
   * A family whose owner is `memberPhones(1)[0]`, with this many emergency contacts after them, and
   * WhatsApp configured with an approved template (the SOS bench).
   */
  sosContacts?: number
}

export interface ServerHandle {
  url: string
  stats(): Promise<ServerStats>
  /** Resolves when the server's outbox has nothing pending or being sent. */
  idle(): Promise<void>
  stop(): Promise<void>
}

let compiled: string | undefined

/**
 * The server under test compiled to JavaScript (tsconfig.bench.json → .bench-build/), once per bench
 * run: production runs compiled code (`npm start` builds dist/), so the figures are production's.
 */
function compiledServer(): string {
  if (!compiled) {
    const root = fileURLToPath(new URL('..', import.meta.url))
    execFileSync(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.bench.json'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    )
    compiled = join(root, '.bench-build', 'bench', 'server.js')
  }
  return compiled
}

/**
 * Runs a server under test in its own process. The bench client (autocannon, the open-loop sender and
 * the fake Twilio) stays here, so server and client each get a core instead of sharing one event loop,
 * and the server's RSS is the app's own.
 */
export async function spawnServer(kind: ServerKind, opts: ServerOptions = {}): Promise<ServerHandle> {
  const source = process.env.BENCH_SOURCE === '1'
  const child = fork(
    source ? fileURLToPath(new URL('./server.ts', import.meta.url)) : compiledServer(),
    [kind, JSON.stringify(opts)],
    {
      execArgv: [
        // Compiled, as `npm start` runs it (plain node, no tsx loader); BENCH_SOURCE=1 runs the sources through tsx.
        ...(source ? process.execArgv : ['--enable-source-maps']),
        '--expose-gc', // BENCH_PROF=DIR writes a CPU profile of each server under test there.
        ...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : []),
      ],
    },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const ready = await nextMessage<{ type: 'ready'; port: number }>(child, 'ready')
  return {
    url: `http://127.0.0.1:${ready.port}`,
    stats: async () => {
      child.send({ type: 'stats' })
      return (await nextMessage<{ type: 'stats'; stats: ServerStats }>(child, 'stats')).stats
    },
    idle: async () => {
      child.send({ type: 'idle' })
      await nextMessage(child, 'idle')
    },
    stop: async () => {
      child.send({ type: 'stop' })
      await exited
    },
  }
}

function nextMessage<T extends { type: string }>(child: ChildProcess, type: T['type']): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string; message?: string }) => {
      if (m.type === 'error') return done(() => reject(new Error(`server: ${m.message}`)))
      if (m.type === type) done(() => resolve(m as unknown as T))
    }
    const onExit = (code: number | null) => done(() => reject(new Error(`server exited (${code}) before ${type}`)))
    const done = (settle: () => void) => {
      child.off('message', onMessage)
      child.off('exit', onExit)
      settle()
    }
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
}
