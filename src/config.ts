import { z } from 'zod'

/** Accepts 1/0, true/false, yes/no, on/off (any case); unset stays undefined. */
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine(
    (v) => ['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'].includes(v),
    'expected 1/0, true/false, yes/no or on/off',
  )
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v))

const url = z
  .string()
  .trim()
  .refine((v) => URL.canParse(v), 'expected a URL such as https://example.com')
  .transform((v) => v.replace(/\/+$/, ''))

const optional = <T extends z.ZodType>(schema: T) => schema.optional()

const Env = z.object({
  /** TCP port the server listens on. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Interface to bind. */
  HOST: z.string().default('0.0.0.0'),
  /** SQLite file; created with its folder on first start. */
  DATABASE_PATH: z.string().min(1).default('./data/mednanny.db'),
  /** The public URL Twilio signs (scheme + host, no trailing slash); needed behind a proxy or tunnel. */
  PUBLIC_BASE_URL: optional(url),
  /** pino level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Twilio account (AC…); with TWILIO_AUTH_TOKEN it turns the Twilio channel on. */
  TWILIO_ACCOUNT_SID: optional(z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'expected AC followed by 32 hex characters')),
  /** Twilio auth token: signs webhooks and authenticates REST calls. */
  TWILIO_AUTH_TOKEN: optional(z.string().min(8, 'expected the 32-character auth token')),
  /** Sender number for SMS, E.164 (+15551234567). */
  TWILIO_SMS_FROM: optional(z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected an E.164 number such as +15551234567')),
  /** Sender for WhatsApp, E.164 or whatsapp:+E.164. */
  TWILIO_WHATSAPP_FROM: optional(
    z.string().regex(/^(whatsapp:)?\+[1-9]\d{6,14}$/, 'expected an E.164 number, optionally prefixed with whatsapp:'),
  ),
  /** Approved WhatsApp template (Content API ContentSid, HX…) with one variable {{1}}: used outside WhatsApp's 24-hour window; without it such messages go by SMS. */
  TWILIO_WHATSAPP_TEMPLATE_SID: optional(
    z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'expected HX followed by 32 hex characters'),
  ),
  /** Test seam: where the twilio client sends REST calls instead of https://api.twilio.com, and the only origin inbound media (MediaUrl0…) are fetched from. */
  TWILIO_API_BASE_URL: optional(url),
  /** Slack app signing secret: Bolt verifies every request to /slack/events with it. */
  SLACK_SIGNING_SECRET: optional(z.string().min(8)),
  /** Slack bot token, xoxb-…. */
  SLACK_BOT_TOKEN: optional(z.string().startsWith('xoxb-', 'expected a bot token starting with xoxb-')),
  /** Test seam for the Slack Web API. */
  SLACK_API_URL: optional(url),
  /** Test seam: where Slack's private files (`url_private`) live; only URLs there are fetched with the bot token. */
  SLACK_FILES_URL: optional(url),
  /** Photos larger than this many megabytes are refused (streamed and cut off, never stored). */
  MEDIA_MAX_MB: z.coerce.number().positive().max(20).default(5),
  /** Anthropic key; without it the offline agent answers. */
  ANTHROPIC_API_KEY: optional(z.string().min(8)),
  /** Test seam for the Anthropic API. */
  ANTHROPIC_BASE_URL: optional(url),
  /** Model id used by the agent. */
  ANTHROPIC_MODEL: z.string().min(1).default('claude-sonnet-4-5'),
  /** Prompt-cache markers on the system prompt and tools (default on); off measures what caching saves (bench, eval). */
  ANTHROPIC_PROMPT_CACHE: optional(flag),
  /** 32 bytes as 64 hex characters or base64, for field encryption of health notes. */
  DATA_ENCRYPTION_KEY: optional(
    z
      .string()
      .refine(
        (v) => /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, 'base64').length === 32,
        'expected 32 bytes as 64 hex characters or base64',
      ),
  ),
  /**
   * Signs the URLs of charts and visit summaries fetched by Twilio (HMAC-SHA256; at least 32 characters).
   * Unset: a random secret per process, so links sent before a restart stop working.
   */
  MEDIA_URL_SECRET: optional(z.string().trim().min(32, 'expected at least 32 characters')),
  /** How long a signed media URL stays valid, in minutes. */
  MEDIA_URL_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
  /** Dev console at /dev: on by default when neither Twilio nor Slack is configured. */
  DEV_CONSOLE: optional(flag),
  /** After downtime, reminders at most this many minutes late are still sent (saying so); older ones are summarized. */
  /** Days the text of handled and sent messages is kept; the record itself is kept (0016). */
  MESSAGE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  SCHEDULER_GRACE_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(30),
  /** A scheduled dose not logged this many minutes after its time nudges the giver, then as long again a parent. */
  DOSE_NUDGE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** One refill reminder when a regimen's supply falls to this many days or fewer. */
  REFILL_REMINDER_DAYS: z.coerce.number().int().min(0).max(365).default(7),
})

export type Env = z.infer<typeof Env>

export interface TwilioConfig {
  accountSid: string
  authToken: string
  smsFrom?: string
  whatsappFrom?: string
  /** ContentSid of the approved template for WhatsApp messages outside the 24-hour window. */
  whatsappTemplateSid?: string
  apiBaseUrl?: string
}

export interface Config {
  port: number
  host: string
  databasePath: string
  publicBaseUrl?: string
  logLevel: Env['LOG_LEVEL']
  /** Present only when both the account SID and the auth token are set. */
  twilio?: TwilioConfig
  slack?: { signingSecret: string; botToken: string; apiUrl?: string; filesUrl?: string }
  /** Largest photo fetched, in bytes. */
  mediaMaxBytes: number
  anthropic?: { apiKey: string; baseUrl?: string; model: string; promptCache: boolean }
  anthropicModel: string
  dataEncryptionKey?: string
  devConsole: boolean
  schedulerGraceMinutes: number
  messageRetentionDays: number
  doseNudgeMinutes: number
  refillReminderDays: number
  /** Signs media URLs; a random one per process when MEDIA_URL_SECRET is unset. */
  mediaUrlSecret?: string
  mediaUrlTtlMinutes: number
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Parses the environment once. Every problem names its variable; the first line is enough to fix it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset", as in most .env tooling: `PORT=` falls back to the default.
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''))
  const parsed = Env.safeParse(set)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(lines.join('; '))
  }
  return toConfig(parsed.data)
}

function toConfig(e: Env): Config {
  requireTogether(e, 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN')
  requireTogether(e, 'SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN')
  if (e.TWILIO_ACCOUNT_SID && !e.TWILIO_SMS_FROM && !e.TWILIO_WHATSAPP_FROM) {
    throw new ConfigError('TWILIO_SMS_FROM: set it (or TWILIO_WHATSAPP_FROM) so MedNanny has a number to send from')
  }
  const twilio =
    e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN
      ? {
          accountSid: e.TWILIO_ACCOUNT_SID,
          authToken: e.TWILIO_AUTH_TOKEN,
          smsFrom: e.TWILIO_SMS_FROM,
          whatsappFrom: e.TWILIO_WHATSAPP_FROM?.replace(/^whatsapp:/, ''),
          whatsappTemplateSid: e.TWILIO_WHATSAPP_TEMPLATE_SID,
          apiBaseUrl: e.TWILIO_API_BASE_URL,
        }
      : undefined
  const slack =
    e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN
      ? {
          signingSecret: e.SLACK_SIGNING_SECRET,
          botToken: e.SLACK_BOT_TOKEN,
          apiUrl: e.SLACK_API_URL,
          filesUrl: e.SLACK_FILES_URL,
        }
      : undefined
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    logLevel: e.LOG_LEVEL,
    twilio,
    slack,
    anthropic: e.ANTHROPIC_API_KEY
      ? {
          apiKey: e.ANTHROPIC_API_KEY,
          baseUrl: e.ANTHROPIC_BASE_URL,
          model: e.ANTHROPIC_MODEL,
          promptCache: e.ANTHROPIC_PROMPT_CACHE ?? true,
        }
      : undefined,
    anthropicModel: e.ANTHROPIC_MODEL,
    mediaMaxBytes: Math.round(e.MEDIA_MAX_MB * 1024 * 1024),
    dataEncryptionKey: e.DATA_ENCRYPTION_KEY,
    devConsole: e.DEV_CONSOLE ?? (!twilio && !slack),
    schedulerGraceMinutes: e.SCHEDULER_GRACE_MINUTES,
    messageRetentionDays: e.MESSAGE_RETENTION_DAYS,
    doseNudgeMinutes: e.DOSE_NUDGE_MINUTES,
    refillReminderDays: e.REFILL_REMINDER_DAYS,
    mediaUrlSecret: e.MEDIA_URL_SECRET,
    mediaUrlTtlMinutes: e.MEDIA_URL_TTL_MINUTES,
  }
}

function requireTogether(e: Env, a: keyof Env, b: keyof Env) {
  if (e[a] && !e[b]) throw new ConfigError(`${b}: required when ${a} is set`)
  if (e[b] && !e[a]) throw new ConfigError(`${a}: required when ${b} is set`)
}
