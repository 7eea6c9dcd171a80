import { LogLevel, type Logger as SlackLogger } from '@slack/bolt'
import type { Logger } from 'pino'

/**
 * Bolt's and the WebClient's logger, on our pino. Their debug lines carry request bodies (message text),
 * so they are dropped; info goes to debug; warnings and errors (a bad signature, a failed listener) stay.
 */
export function boltLogger(log: Logger): SlackLogger {
  const child = log.child({ component: 'slack' })
  let level = LogLevel.INFO
  const line = (msg: unknown[]) =>
    msg.map((m) => (m instanceof Error ? `${m.name}: ${m.message}` : String(m))).join(' ')
  return {
    debug: () => {},
    info: (...msg) => child.debug(line(msg)),
    warn: (...msg) => child.warn(line(msg)),
    error: (...msg) => child.error(line(msg)),
    setLevel: (l) => {
      level = l
    },
    getLevel: () => level,
    setName: () => {},
  }
}
