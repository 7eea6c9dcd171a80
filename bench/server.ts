/**
 * A server under test, run in its own process by `spawnServer` (support.ts). It builds the requested app,
 * listens on a free port, reports `{ type: 'ready', port }`, then answers `stats` and `stop` messages.
 */
import { count, inArray } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'
import type { Config } from '../src/config.js'
import { createFamily, seedDemoMember } from '../src/domain/families/service.js'
import { outbox } from '../src/domain/outbox/schema.js'
import { createLogger } from '../src/lib/logger.js'
import { ingestBaseline, sendBaseline } from './baselines.js'
import {
  benchConfig,
  memberPhones,
  type ServerKind,
  type ServerOptions,
  type ServerStats,
  sleep,
  tempDir,
} from './support.js'

const send = (m: object) => process.send?.(m)

async function main() {
  const kind = process.argv[2] as ServerKind
  const opts = JSON.parse(process.argv[3] ?? '{}') as ServerOptions
  const tmp = tempDir()
  const app = await build(kind, opts, tmp.dir)
  const address = await app.listen({ port: 0, host: '127.0.0.1' })

  process.on('message', (m: { type: string }) => {
    if (m.type === 'stats') send({ type: 'stats', stats: stats() })
    if (m.type === 'idle') {
      idle(app).then(
        () => send({ type: 'idle' }),
        (err: unknown) => send({ type: 'error', message: String(err) }),
      )
    }
    if (m.type === 'stop') {
      void app
        .close()
        .finally(tmp.cleanup)
        // The twilio client's keep-alive sockets would hold the process open; it has nothing left to do.
        .finally(() => process.exit(0))
    }
  })
  send({ type: 'ready', port: Number(new URL(address).port) })
}

async function build(kind: ServerKind, opts: ServerOptions, dir: string): Promise<FastifyInstance> {
  if (kind === 'baseline-ingest') return ingestBaseline()
  if (kind === 'baseline-send') return sendBaseline(opts.fakeUrl ?? '')
  const app = await buildApp(config(dir, opts), { logger: createLogger('silent') })
  if (opts.sosContacts) await seedSosFamily(app, opts.sosContacts)
  if (opts.start) app.mednanny.start()
  // Ingest runs without the workers, but with the WAL checkpoints off the event loop, as in production.
  else app.mednanny.db.startBackgroundCheckpoints()
  return app
}

function config(dir: string, opts: ServerOptions): Config {
  const base = benchConfig(dir, opts.fakeUrl, opts.slack)
  if (!opts.sosContacts || !base.twilio) return base
  // Both channels, as a family on SMS and WhatsApp would have them, with an approved template so
  // WhatsApp alerts reach contacts outside the 24-hour window too.
  return {
    ...base,
    twilio: { ...base.twilio, whatsappFrom: '+15550008888', whatsappTemplateSid: `HX${'0'.repeat(32)}` },
  }
}

/** The owner (`memberPhones(1)[0]`) and `contacts` emergency contacts after them. */
async function seedSosFamily(app: FastifyInstance, contacts: number): Promise<void> {
  const phones = memberPhones(contacts + 1)
  const name = (i: number) =>
    `Contact ${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`
  await app.mednanny.db.transaction(async (tx) => {
    const { family } = await createFamily(tx, new Date(), {
      name: 'Bench',
      timezone: 'America/New_York',
      locale: 'en-US',
      owner: { name: 'Ana', sender: { kind: 'phone', address: phones[0] ?? '', channel: 'sms' } },
    })
    for (let i = 1; i <= contacts; i++) {
      await seedDemoMember(tx, new Date(), family.id, {
        name: name(i),
        role: 'viewer',
        phone: phones[i] ?? '',
        emergencyContact: true,
      })
    }
  })
}

/** Until no outbox row is pending or being sent. */
async function idle(app: FastifyInstance): Promise<void> {
  for (;;) {
    const busy = await app.mednanny.db.read(async (tx) => {
      const [row] = await tx
        .select({ n: count() })
        .from(outbox)
        .where(inArray(outbox.status, ['pending', 'sending']))
      return row?.n ?? 0
    })
    if (!busy) return
    await sleep(20)
  }
}

function stats(): ServerStats {
  // Twice: the first pass can leave finalized objects for the second to free.
  globalThis.gc?.()
  globalThis.gc?.()
  const m = process.memoryUsage()
  const cpu = process.cpuUsage()
  return {
    rss: m.rss,
    heapUsed: m.heapUsed,
    gc: typeof globalThis.gc === 'function',
    cpuMs: (cpu.user + cpu.system) / 1000,
  }
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.stack : String(err)
  process.send?.({ type: 'error', message }, undefined, undefined, () => process.exit(1))
})
