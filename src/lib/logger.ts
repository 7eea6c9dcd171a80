import { type DestinationStream, type Logger, pino } from 'pino'

/**
 * The one pino root. Code logs ids, kinds, counts and durations, never bodies, phone numbers, names or
 * health values; `redact` is the safety net for a field that slips through, at the top level or one
 * level down (pino's paths do not recurse). Errors are logged as `errorName`/`errorCode`: `err.name`
 * would be caught by the `*.name` path.
 */
export const REDACT_PATHS = [
  'body',
  'text',
  'phone',
  'from',
  'to',
  'address',
  'name',
  '*.body',
  '*.text',
  '*.phone',
  '*.from',
  '*.to',
  '*.address',
  '*.name',
  '*.fromAddress',
  '*.toAddress',
  'req.headers.authorization',
  'req.headers["x-twilio-signature"]',
  'req.headers["x-slack-signature"]',
  'req.headers.cookie',
]

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'mednanny' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  )
}
