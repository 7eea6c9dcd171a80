import { z } from 'zod'
import type { InboundLocation, InboundMedia } from '../../domain/inbox/schema.js'
import type { InboundMessage } from '../../domain/inbox/service.js'

/** Twilio's inbound message webhook fields we rely on (twilio.com/docs/messaging/guides/webhook-request). */
const TwilioInbound = z.looseObject({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-zA-Z]{10,40}$/, 'expected a Twilio MessageSid'),
  From: z.string().min(3),
  To: z.string().min(3),
  Body: z.string().max(10_000).default(''),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
  Latitude: z.coerce.number().min(-90).max(90).optional(),
  Longitude: z.coerce.number().min(-180).max(180).optional(),
  Address: z.string().optional(),
  Label: z.string().optional(),
  ProfileName: z.string().optional(),
})

export class MalformedWebhookError extends Error {
  override name = 'MalformedWebhookError'
}

const E164 = /^\+[1-9]\d{6,14}$/

/** Turns a verified Twilio form body into an InboundMessage; throws MalformedWebhookError with the field. */
export function parseTwilioInbound(body: unknown): InboundMessage {
  const parsed = TwilioInbound.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new MalformedWebhookError(`${issue?.path.join('.') || 'body'}: ${issue?.message}`)
  }
  const p = parsed.data
  const whatsapp = p.From.startsWith('whatsapp:')
  const from = p.From.replace(/^whatsapp:/, '')
  if (!E164.test(from)) throw new MalformedWebhookError('From: expected an E.164 number')
  const fields = parsed.data as Record<string, unknown>
  const media: InboundMedia[] = []
  for (let i = 0; i < p.NumMedia; i++) {
    const url = fields[`MediaUrl${i}`]
    const contentType = fields[`MediaContentType${i}`]
    if (typeof url !== 'string' || typeof contentType !== 'string') {
      throw new MalformedWebhookError(`MediaUrl${i}: missing for NumMedia=${p.NumMedia}`)
    }
    media.push({ url, contentType })
  }
  const location: InboundLocation | undefined =
    p.Latitude !== undefined && p.Longitude !== undefined
      ? { latitude: p.Latitude, longitude: p.Longitude, address: p.Address, label: p.Label }
      : undefined
  return {
    channel: whatsapp ? 'whatsapp' : 'sms',
    externalId: p.MessageSid,
    fromAddress: from,
    toAddress: p.To.replace(/^whatsapp:/, ''),
    body: p.Body,
    media,
    location,
    meta: p.ProfileName ? { profileName: p.ProfileName } : {},
  }
}

/** Twilio's status callback (twilio.com/docs/messaging/guides/track-outbound-message-status). */
const TwilioStatus = z.looseObject({
  MessageSid: z.string().min(10),
  MessageStatus: z.enum([
    'queued',
    'sending',
    'sent',
    'failed',
    'delivered',
    'undelivered',
    'receiving',
    'received',
    'accepted',
    'scheduled',
    'read',
    'partially_delivered',
    'canceled',
  ]),
  ErrorCode: z.string().optional(),
})

export type DeliveryStatus = 'sent' | 'delivered' | 'undelivered' | 'failed'

/** The status we record, or undefined for intermediate states (queued, sending) that change nothing. */
export function parseTwilioStatus(body: unknown): {
  providerMessageId: string
  status?: DeliveryStatus
  errorCode?: string
} {
  const parsed = TwilioStatus.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new MalformedWebhookError(`${issue?.path.join('.') || 'body'}: ${issue?.message}`)
  }
  const s = parsed.data.MessageStatus
  const status: DeliveryStatus | undefined =
    s === 'sent'
      ? 'sent'
      : s === 'delivered' || s === 'read'
        ? 'delivered'
        : s === 'undelivered'
          ? 'undelivered'
          : s === 'failed' || s === 'canceled'
            ? 'failed'
            : undefined
  return { providerMessageId: parsed.data.MessageSid, status, errorCode: parsed.data.ErrorCode || undefined }
}
