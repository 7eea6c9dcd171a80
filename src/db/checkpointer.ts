import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

const require = createRequire(import.meta.url)

/**
 * The worker's code, plain CommonJS so it runs under any loader (tsx, vitest, plain node). It opens its
 * own connection to the same file and checkpoints the WAL on a timer. PASSIVE never blocks the writer.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.path)
db.pragma('busy_timeout = 5000')
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch (err) { parentPort.postMessage({ error: String((err && err.code) || err) }) }
}
const timer = setInterval(checkpoint, workerData.intervalMs)
parentPort.on('message', (m) => {
  if (m !== 'stop') return
  clearInterval(timer)
  checkpoint()
  db.close()
  parentPort.postMessage({ stopped: true })
})
`

export interface Checkpointer {
  stop(): Promise<void>
}

/**
 * Moves SQLite's WAL checkpoints off the event loop. Left to itself, SQLite checkpoints inside the
 * COMMIT that crosses 1,000 WAL pages, copying pages and fsyncing on the committing call: every few
 * seconds under load one webhook waited 5–20 ms, and the average commit cost three times its median
 * (bench/ingest.ts, measured). The caller turns automatic checkpoints off while this runs.
 */
export function startCheckpointer(
  path: string,
  { intervalMs = 1_000, onError }: { intervalMs?: number; onError?: (code: string) => void } = {},
): Checkpointer {
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { path, intervalMs, driver: require.resolve('better-sqlite3') },
  })
  worker.unref()
  worker.on('message', (m: { error?: string }) => {
    if (m.error) onError?.(m.error)
  })
  worker.on('error', (err) => onError?.(err.name))
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          void worker.terminate().then(() => resolve())
        }
        worker.once('message', done)
        worker.once('exit', () => resolve())
        worker.postMessage('stop')
      }),
  }
}
