import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import twilio from 'twilio'
import { type AppDeps, buildApp } from '../../src/app.js'
import { type Config, loadConfig } from '../../src/config.js'
import { type Db, openDatabase } from '../../src/db/client.js'
import { type OutboxRow, recentOutbox } from '../../src/domain/outbox/service.js'
import { ManualClock } from '../../src/lib/clock.js'
import { createLogger } from '../../src/lib/logger.js'
import { FakeTwilio } from '../fakes/twilio.js'

export const ACCOUNT_SID = `AC${'a'.repeat(32)}`
export const AUTH_TOKEN = 'test-auth-token-0123456789abcdef'
export const SMS_FROM = '+15550009999'
export const WHATSAPP_FROM = '+15550008888'
export const PUBLIC_BASE_URL = 'https://mednanny.example.com'

/** A fresh temp directory per test file; removed with `cleanup`. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mednanny-test-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A migrated SQLite file in its own temp directory, for tests of the domain without the app. */
export function tempDb(name = 'test.db'): { db: Db; cleanup: () => void } {
  const { dir, cleanup } = tempDir()
  const db = openDatabase(join(dir, name))
  return {
    db,
    cleanup: () => {
      db.close()
      cleanup()
    },
  }
}

/** Captures every log line, so tests can read what was logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = []
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
    done()
  }
  get text() {
    return this.lines.join('\n')
  }
  /**
   * The text without the line's timestamp and its numeric timing fields (responseTime, …Ms, duration):
   * a time of 09:35:56.202 or a response time of 6.21 ms must not read as a logged weight of 6.2 kg when
   * a test searches the logs for health values.
   */
  get untimed() {
    return this.lines.map(withoutTimings).join('\n')
  }
}

function withoutTimings(line: string): string {
  const parsed = JSON.parse(line) as Record<string, unknown>
  delete parsed.time
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'number' && /time|ms$|duration|elapsed/i.test(key)) delete parsed[key]
  }
  return JSON.stringify(parsed)
}

export interface TestApp {
  app: FastifyInstance
  fake: FakeTwilio
  clock: ManualClock
  logs: LogCapture
  config: Config
  dbPath: string
  /** Runs the inbox worker, then the outbox sender, until both have nothing due. */
  settle(): Promise<void>
  /** POSTs a signed Twilio inbound webhook. */
  sms(from: string, body: string, extra?: Record<string, string>): Promise<{ statusCode: number; body: string }>
  whatsapp(from: string, body: string, extra?: Record<string, string>): Promise<{ statusCode: number; body: string }>
  /** POSTs a signed Twilio status callback for a message the fake accepted. */
  status(messageSid: string, status: string, errorCode?: string): Promise<{ statusCode: number }>
  /** Every outbox row, oldest first. */
  outboxRows(): Promise<OutboxRow[]>
  /** The bodies the fake Twilio received for one phone number, in order. */
  inboxOf(phone: string): string[]
  /** Texts `body` from `from` by SMS, settles, and returns what `from` received since. */
  say(from: string, body: string): Promise<string[]>
  close(): Promise<void>
}

let sidSeq = 0
export const nextSid = () => `SM${String(++sidSeq).padStart(8, '0')}${'f'.repeat(24)}`

export function signedHeaders(url: string, params: Record<string, string>) {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params),
  }
}

/** The app with Twilio configured against a fake, a manual clock, captured logs and a temp DB file. */
export async function startTestApp(
  opts: { dbPath?: string; fake?: FakeTwilio; clock?: ManualClock; env?: Record<string, string>; deps?: AppDeps } = {},
): Promise<TestApp> {
  const fake = opts.fake ?? (await new FakeTwilio().start())
  const temp = opts.dbPath ? undefined : tempDir()
  const dbPath = opts.dbPath ?? join(temp?.dir ?? '', 'mednanny.db')
  const config = loadConfig({
    DATABASE_PATH: dbPath,
    PUBLIC_BASE_URL,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_SMS_FROM: SMS_FROM,
    TWILIO_WHATSAPP_FROM: WHATSAPP_FROM,
    TWILIO_API_BASE_URL: fake.url,
    LOG_LEVEL: 'info',
    ...opts.env,
  })
  const clock = opts.clock ?? new ManualClock('2026-03-10T15:00:00Z')
  const logs = new LogCapture()
  const app = await buildApp(config, {
    clock,
    logger: createLogger('info', logs),
    outbox: { backoff: { random: () => 0 } },
    ...opts.deps,
  })
  const post = async (channel: 'sms' | 'whatsapp', from: string, body: string, extra: Record<string, string> = {}) => {
    const prefix = channel === 'whatsapp' ? 'whatsapp:' : ''
    const params = {
      MessageSid: nextSid(),
      AccountSid: ACCOUNT_SID,
      From: `${prefix}${from}`,
      To: `${prefix}${channel === 'whatsapp' ? WHATSAPP_FROM : SMS_FROM}`,
      Body: body,
      NumMedia: '0',
      ...extra,
    }
    const url = `${PUBLIC_BASE_URL}/webhooks/twilio/messages`
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks/twilio/messages',
      headers: signedHeaders(url, params),
      payload: new URLSearchParams(params).toString(),
    })
    return { statusCode: res.statusCode, body: res.body }
  }
  const status = async (messageSid: string, messageStatus: string, errorCode?: string) => {
    const params: Record<string, string> = {
      AccountSid: ACCOUNT_SID,
      MessageSid: messageSid,
      SmsSid: messageSid,
      MessageStatus: messageStatus,
      SmsStatus: messageStatus,
      ApiVersion: '2010-04-01',
      ...(errorCode ? { ErrorCode: errorCode } : {}),
    }
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks/twilio/status',
      headers: signedHeaders(`${PUBLIC_BASE_URL}/webhooks/twilio/status`, params),
      payload: new URLSearchParams(params).toString(),
    })
    return { statusCode: res.statusCode }
  }
  const settle = async () => {
    for (let i = 0; i < 20; i++) {
      const handled = await app.mednanny.worker.drain()
      const sent = await app.mednanny.outbox.drain()
      if (handled === 0 && sent === 0) return
    }
    throw new Error('settle: work kept appearing after 20 rounds')
  }
  const inboxOf = (phone: string) =>
    fake.messages.filter((m) => m.to.replace(/^whatsapp:/, '') === phone).map((m) => m.body)
  return {
    app,
    fake,
    clock,
    logs,
    config,
    dbPath,
    settle,
    status,
    outboxRows: async () => await app.mednanny.db.read((tx) => recentOutbox(tx, 10_000)),
    sms: (from, body, extra) => post('sms', from, body, extra),
    whatsapp: (from, body, extra) => post('whatsapp', from, body, extra),
    inboxOf,
    say: async (from, body) => {
      const before = inboxOf(from).length
      await post('sms', from, body)
      await settle()
      return inboxOf(from).slice(before)
    },
    close: async () => {
      await app.close()
      if (!opts.fake) await fake.stop()
      temp?.cleanup()
    },
  }
}

/** Creates a family by chat, the way a newcomer would, and returns when the owner is active. */
export async function onboardFamily(t: TestApp, ownerPhone: string, name = 'Ana', family = 'The Garcias') {
  for (const body of ['hi', name, family, 'yes']) {
    await t.sms(ownerPhone, body)
    await t.settle()
  }
}
