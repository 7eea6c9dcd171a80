import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'

const twilio = {
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'a-token-long-enough',
  TWILIO_SMS_FROM: '+15550009999',
}

const errorOf = (env: Record<string, string>) => {
  try {
    loadConfig(env)
  } catch (err) {
    return err
  }
  throw new Error('expected loadConfig to throw')
}

describe('loadConfig', () => {
  it('defaults the dose nudge to 30 minutes and the refill threshold to 7 days, and names a bad value', () => {
    expect(loadConfig({})).toMatchObject({ doseNudgeMinutes: 30, refillReminderDays: 7 })
    expect(loadConfig({ DOSE_NUDGE_MINUTES: '45', REFILL_REMINDER_DAYS: '10' })).toMatchObject({
      doseNudgeMinutes: 45,
      refillReminderDays: 10,
    })
    expect((errorOf({ DOSE_NUDGE_MINUTES: '0' }) as Error).message).toMatch(/^DOSE_NUDGE_MINUTES:/)
    expect((errorOf({ REFILL_REMINDER_DAYS: 'soon' }) as Error).message).toMatch(/^REFILL_REMINDER_DAYS:/)
  })

  it('runs on embedded defaults with an empty environment: port 3000, ./data/mednanny.db, dev console on', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({ port: 3000, host: '0.0.0.0', databasePath: './data/mednanny.db', devConsole: true })
    expect(c.twilio).toBeUndefined()
    expect(c.anthropic).toBeUndefined()
  })

  it('marks the prompt cache by default; ANTHROPIC_PROMPT_CACHE=off turns the markers off', () => {
    const key = { ANTHROPIC_API_KEY: 'sk-ant-0123456789' }
    expect(loadConfig(key).anthropic?.promptCache).toBe(true)
    expect(loadConfig({ ...key, ANTHROPIC_PROMPT_CACHE: 'off' }).anthropic?.promptCache).toBe(false)
    expect((errorOf({ ...key, ANTHROPIC_PROMPT_CACHE: 'sometimes' }) as Error).message).toMatch(
      /^ANTHROPIC_PROMPT_CACHE:/,
    )
  })

  it('turns the dev console off when Twilio is configured, unless DEV_CONSOLE=1', () => {
    expect(loadConfig(twilio).devConsole).toBe(false)
    expect(loadConfig({ ...twilio, DEV_CONSOLE: '1' }).devConsole).toBe(true)
  })

  it('reads the WhatsApp template ContentSid, and names the variable when it is malformed', () => {
    const sid = `HX${'0'.repeat(32)}`
    expect(loadConfig({ ...twilio, TWILIO_WHATSAPP_TEMPLATE_SID: sid }).twilio?.whatsappTemplateSid).toBe(sid)
    expect(String(errorOf({ ...twilio, TWILIO_WHATSAPP_TEMPLATE_SID: 'SM123' }))).toMatch(
      /TWILIO_WHATSAPP_TEMPLATE_SID: expected HX followed by 32 hex characters/,
    )
  })

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: '', PORT: '' }).port).toBe(3000)
  })

  it.each([
    [{ PORT: 'abc' }, /^PORT: /],
    [{ PORT: '70000' }, /^PORT: /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
    [{ PUBLIC_BASE_URL: 'not a url' }, /^PUBLIC_BASE_URL: expected a URL/],
    [{ ...twilio, TWILIO_ACCOUNT_SID: 'XX123' }, /^TWILIO_ACCOUNT_SID: expected AC/],
    [{ ...twilio, TWILIO_SMS_FROM: '555-1234' }, /^TWILIO_SMS_FROM: expected an E\.164/],
    [{ TWILIO_ACCOUNT_SID: twilio.TWILIO_ACCOUNT_SID }, /^TWILIO_AUTH_TOKEN: required when TWILIO_ACCOUNT_SID/],
    [{ TWILIO_ACCOUNT_SID: twilio.TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN: 'a-token-long-enough' }, /^TWILIO_SMS_FROM: /],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token' }, /^SLACK_BOT_TOKEN: expected a bot token/],
    [{ DATA_ENCRYPTION_KEY: 'short' }, /^DATA_ENCRYPTION_KEY: expected 32 bytes/],
    [{ DEV_CONSOLE: 'maybe' }, /^DEV_CONSOLE: expected 1\/0/],
  ])('names the variable in one line when a value is wrong: %j', (env, message) => {
    const err = errorOf(env as Record<string, string>)
    expect(err).toBeInstanceOf(ConfigError)
    expect((err as Error).message).toMatch(message)
    expect((err as Error).message).not.toContain('\n')
  })

  it('keeps Twilio settings together and strips a whatsapp: prefix from the sender', () => {
    const c = loadConfig({ ...twilio, TWILIO_WHATSAPP_FROM: 'whatsapp:+15550008888' })
    expect(c.twilio).toMatchObject({ smsFrom: '+15550009999', whatsappFrom: '+15550008888' })
  })
})
