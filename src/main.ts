import { buildApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { FieldKeyError } from './db/field-cipher.js'
import { createLogger } from './lib/logger.js'

/** Loads config, opens and migrates the database, serves, runs the workers, and stops them all on a signal. */
async function main() {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`MedNanny cannot start: ${err.message}`)
      process.exit(1)
    }
    throw err
  }
  const log = createLogger(config.logLevel)
  const app = await buildApp(config, { logger: log }).catch((err: unknown) => {
    // A key that does not open the database is a configuration error: say so and stop, before serving.
    if (err instanceof FieldKeyError) {
      console.error(`MedNanny cannot start: ${err.message}`)
      process.exit(1)
    }
    throw err
  })
  await app.listen({ port: config.port, host: config.host })
  app.mednanny.start()
  log.info(
    {
      port: config.port,
      twilio: Boolean(config.twilio),
      devConsole: config.devConsole,
      agent: config.anthropic ? 'model' : 'offline',
    },
    'MedNanny is up',
  )
  if (config.devConsole) log.info(`dev console: http://localhost:${config.port}/dev`)

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down')
    // Stop accepting, finish or release in-flight work, close the database (onClose hooks).
    const force = setTimeout(() => process.exit(1), 20_000).unref()
    await app.close()
    clearTimeout(force)
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

await main()
