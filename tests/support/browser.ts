import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { type Browser, chromium } from 'playwright-core'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { createLogger } from '../../src/lib/logger.js'
import { tempDir } from './harness.js'

/** Debian's Chromium; never a downloaded browser. `.ci/run` installs it with apt-get. */
export const CHROMIUM = '/usr/bin/chromium'

/** Headless Chromium for browser tests. Fails (never skips) when the browser is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: browser tests need Debian's Chromium. ` +
        '.ci/run installs it (apt-get install -y chromium); never download one with `npx playwright install`.',
    )
  }
  return await chromium.launch({
    executablePath: CHROMIUM,
    // Root in a container: no sandbox. No GPU, no network chatter of its own.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface ConsoleApp {
  app: FastifyInstance
  /** http://127.0.0.1:<port> */
  baseUrl: string
  close(): Promise<void>
}

/**
 * The real app as `npm start` runs it with no Twilio or Slack: dev console on, system clock, real
 * inbox worker and outbox sender loops, and a SQLite file in its own temp directory.
 */
export async function startConsoleApp(): Promise<ConsoleApp> {
  const { dir, cleanup } = tempDir()
  const config = loadConfig({ DATABASE_PATH: join(dir, 'mednanny.db'), LOG_LEVEL: 'silent' })
  if (!config.devConsole) throw new Error('dev console is off: Twilio or Slack is configured')
  const app = await buildApp(config, { logger: createLogger('silent') })
  try {
    await app.listen({ port: 0, host: '127.0.0.1' })
  } catch (err) {
    await app.close()
    cleanup()
    throw err
  }
  app.mednanny.start()
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error(`unexpected server address ${String(address)}`)
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close()
      cleanup()
    },
  }
}
