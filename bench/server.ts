/**
 * A server under test, run in its own process by `spawnServer` (support.ts). It builds the requested app,
 * listens on a free port, reports `{ type: 'ready', port }`, then answers `stats` and `stop` messages.
 */
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'
import { createLogger } from '../src/lib/logger.js'
import { ingestBaseline, sendBaseline } from './baselines.js'
import { benchConfig, type ServerKind, type ServerOptions, type ServerStats, tempDir } from './support.js'

const send = (m: object) => process.send?.(m)

async function main() {
  const kind = process.argv[2] as ServerKind
  const opts = JSON.parse(process.argv[3] ?? '{}') as ServerOptions
  const tmp = tempDir()
  const app = await build(kind, opts, tmp.dir)
  const address = await app.listen({ port: 0, host: '127.0.0.1' })

  process.on('message', (m: { type: string }) => {
    if (m.type === 'stats') send({ type: 'stats', stats: stats() })
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
  const app = await buildApp(benchConfig(dir, opts.fakeUrl, opts.slack), { logger: createLogger('silent') })
  if (opts.start) app.mednanny.start()
  // Ingest runs without the workers, but with the WAL checkpoints off the event loop, as in production.
  else app.mednanny.db.startBackgroundCheckpoints()
  return app
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
