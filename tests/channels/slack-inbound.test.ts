import { describe, expect, it } from 'vitest'
import { parseSlackAddress, slackReplyAddress } from '../../src/channels/slack/address.js'
import { inboundFromCommand, inboundFromEvent, plainText } from '../../src/channels/slack/inbound.js'
import { classifySlackError, escapeText } from '../../src/channels/slack/sender.js'

describe('Slack inbound normalization', () => {
  it('turns Slack markup back into what was typed', () => {
    expect(plainText('<@U0BOT0001> fed 4oz &amp; burped at <https://x.example|3pm>', { stripMention: true })).toBe(
      'fed 4oz & burped at 3pm',
    )
    expect(plainText('temp &gt; 38 <https://x.example>', { stripMention: false })).toBe('temp > 38 https://x.example')
  })

  it('keys a DM by its event_id and answers in the DM; a mention in a thread under it', () => {
    const envelope = (event: Record<string, unknown>) => ({ event_id: 'Ev1', team_id: 'T1', event })
    const im = inboundFromEvent(
      envelope({ type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'hi', ts: '1.000100' }),
    )
    expect(im).toEqual({
      message: expect.objectContaining({
        externalId: 'Ev1',
        fromAddress: 'T1:U1',
        conversationKey: 'slack:T1:D1',
        meta: { replyTo: 'T1:U1@D1' },
      }),
    })
    const mention = inboundFromEvent(
      envelope({ type: 'app_mention', channel: 'C1', user: 'U1', text: '<@UB> hi', ts: '2.000200' }),
    )
    expect(mention).toEqual({
      message: expect.objectContaining({
        body: 'hi',
        conversationKey: 'slack:T1:C1:2.000200',
        meta: { replyTo: 'T1:U1@C1/2.000200' },
      }),
    })
    expect(
      inboundFromEvent(envelope({ type: 'message', channel_type: 'channel', channel: 'C1', user: 'U1', ts: '1.1' })),
    ).toEqual({ ignored: 'not_for_us' })
  })

  it('keeps the files of a file_share message as media, and still drops edits and bots', () => {
    const envelope = (event: Record<string, unknown>) => ({ event_id: 'Ev2', team_id: 'T1', event })
    const base = { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: '', ts: '1.000100' }
    const file = {
      id: 'F1',
      url_private: 'https://files.slack.com/files-pri/T1-F1/label.png',
      mimetype: 'image/png',
      size: 2048,
    }
    expect(inboundFromEvent(envelope({ ...base, subtype: 'file_share', files: [file] }))).toEqual({
      message: expect.objectContaining({
        media: [{ url: 'https://files.slack.com/files-pri/T1-F1/label.png', contentType: 'image/png', size: 2048 }],
      }),
    })
    expect(inboundFromEvent(envelope({ ...base, subtype: 'message_changed', files: [file] }))).toEqual({
      ignored: 'bot_or_subtype',
    })
    expect(inboundFromEvent(envelope({ ...base, subtype: 'file_share', bot_id: 'B1', files: [file] }))).toEqual({
      ignored: 'bot_or_subtype',
    })
    // A thread reply also sent to the channel is still the person's message (a YES in a thread, say).
    expect(
      inboundFromEvent(envelope({ ...base, text: 'yes', subtype: 'thread_broadcast', thread_ts: '1.000050' })),
    ).toEqual({ message: expect.objectContaining({ body: 'yes' }) })
  })

  it('makes /sos text an SOS and keys a command by its trigger_id', () => {
    const c = { command: '/sos', text: 'fell', team_id: 'T1', user_id: 'U1', trigger_id: 'tr1' }
    expect(inboundFromCommand(c)).toMatchObject({ body: 'SOS fell', externalId: 'command:tr1', fromAddress: 'T1:U1' })
    expect(inboundFromCommand({ ...c, text: '' })?.body).toBe('SOS')
    expect(inboundFromCommand({ ...c, command: '/nanny', text: 'who am i' })?.body).toBe('who am i')
  })

  it('round-trips reply addresses', () => {
    expect(parseSlackAddress(slackReplyAddress('T1', 'U1', 'C1', '2.000200'))).toEqual({
      team: 'T1',
      user: 'U1',
      channel: 'C1',
      threadTs: '2.000200',
    })
    expect(parseSlackAddress('T1:U1')).toEqual({ team: 'T1', user: 'U1' })
    expect(parseSlackAddress('+15551234567')).toBeUndefined()
  })
})

describe('Slack sender errors', () => {
  it('maps 429, token, Slack-side and permanent errors', () => {
    expect(classifySlackError({ code: 'slack_webapi_rate_limited_error', retryAfter: 7, message: 'x' })).toMatchObject({
      status: 'retry',
      retryAfterMs: 7000,
    })
    const platform = (error: string) => ({ code: 'slack_webapi_platform_error', data: { error }, message: error })
    expect(classifySlackError(platform('invalid_auth')).status).toBe('retry')
    expect(classifySlackError(platform('internal_error')).status).toBe('retry')
    expect(classifySlackError(platform('channel_not_found'))).toMatchObject({
      status: 'failed',
      code: 'channel_not_found',
    })
    expect(classifySlackError({ code: 'slack_webapi_http_error', statusCode: 503, message: 'x' }).status).toBe('retry')
    expect(classifySlackError(new Error('ECONNRESET')).status).toBe('retry')
  })

  it('escapes the three characters Slack reads as markup', () => {
    expect(escapeText('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d')
  })
})
