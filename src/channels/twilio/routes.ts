import formbody from '@fastify/formbody'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import twilio from 'twilio'
import type { Db } from '../../db/client.js'
import type { AcceptInbound } from '../../domain/inbox/service.js'
import { applyDeliveryStatus, getOutbox } from '../../domain/outbox/service.js'
import { recordCallStatus } from '../../domain/sos/service.js'
import type { Clock } from '../../lib/clock.js'
import { MalformedWebhookError, parseTwilioInbound, parseTwilioStatus } from './inbound.js'
import { WHATSAPP_WINDOW_CLOSED } from './sender.js'
import { VOICE_ACK_PATH, VOICE_STATUS_PATH } from './voice.js'
import { acknowledgeCall } from './voice-ack.js'

export interface TwilioRoutesOptions {
  db: Db
  clock: Clock
  /** Undefined when Twilio is not configured: the routes then answer 503. */
  authToken?: string
  publicBaseUrl?: string
  /** Stores a message durably (group-committed) and wakes the worker; resolves once it is committed. */
  accept: AcceptInbound
  /** Called after a status moved a row to a fallback, to wake the outbox sender. */
  onOutbox: () => void
  /** The approved WhatsApp template (ContentSid) a message refused with 63016 is resent through. */
  whatsappTemplateId?: string
}

const EMPTY_TWIML = new twilio.twiml.MessagingResponse().toString()

/**
 * The URL Twilio signed: the configured public base URL plus the raw path and query, or, without one,
 * the URL this request reached (correct when nothing rewrites the host in between).
 */
function signedUrl(req: FastifyRequest, publicBaseUrl?: string) {
  return publicBaseUrl ? publicBaseUrl + req.url : `${req.protocol}://${req.host}${req.url}`
}

/** Twilio webhooks: verify the signature, normalize, store, acknowledge. Nothing else happens here. */
export async function twilioRoutes(app: FastifyInstance, o: TwilioRoutesOptions) {
  await app.register(formbody)

  const verified = (req: FastifyRequest, reply: FastifyReply): boolean => {
    if (!o.authToken) {
      void reply.code(503).send({ error: 'twilio_not_configured' })
      return false
    }
    const signature = req.headers['x-twilio-signature']
    const params = (req.body ?? {}) as Record<string, string>
    if (
      typeof signature !== 'string' ||
      !twilio.validateRequest(o.authToken, signature, signedUrl(req, o.publicBaseUrl), params)
    ) {
      req.log.warn({ reason: typeof signature === 'string' ? 'mismatch' : 'missing' }, 'twilio signature rejected')
      void reply.code(403).send({ error: 'invalid_signature' })
      return false
    }
    return true
  }

  app.post('/webhooks/twilio/messages', async (req, reply) => {
    if (!verified(req, reply)) return reply
    const message = parseTwilioInbound(req.body)
    const { id, duplicate } = await o.accept(message)
    req.log.info({ inboxId: id, channel: message.channel, duplicate }, 'inbound accepted')
    return reply.type('text/xml').send(EMPTY_TWIML)
  })

  app.post('/webhooks/twilio/status', async (req, reply) => {
    if (!verified(req, reply)) return reply
    const s = parseTwilioStatus(req.body)
    if (s.status) {
      const status = s.status
      const result = await o.db.transaction((tx) =>
        applyDeliveryStatus(tx, o.clock.now(), {
          providerMessageId: s.providerMessageId,
          status,
          errorCode: s.errorCode,
          windowClosed: s.errorCode === String(WHATSAPP_WINDOW_CLOSED),
          templateId: o.whatsappTemplateId,
        }),
      )
      req.log.info({ status, found: result.found, changed: result.changed }, 'delivery status')
      if (result.fallbackId) o.onOutbox()
    }
    return reply.code(204).send()
  })

  // SOS calls: the keypress ("press 1") acknowledges as the member called; the call's result goes on the
  // incident's timeline. Both identify the call by its outbox row, whose key names incident and member.
  app.post(VOICE_ACK_PATH, async (req, reply) => {
    if (!verified(req, reply)) return reply
    const { call } = req.query as { call?: string }
    const digits = (req.body as Record<string, string>).Digits
    const said = await o.db.transaction((tx) =>
      acknowledgeCall(tx, o.clock.now(), call ?? '', digits, signedUrl(req, o.publicBaseUrl)),
    )
    if (said.wake) o.onOutbox()
    req.log.info({ acknowledged: said.acknowledged }, 'sos call keypress')
    return reply.type('text/xml').send(said.twiml)
  })

  app.post(VOICE_STATUS_PATH, async (req, reply) => {
    if (!verified(req, reply)) return reply
    const { call } = req.query as { call?: string }
    const status = String((req.body as Record<string, string>).CallStatus ?? 'unknown').slice(0, 40)
    await o.db.transaction(async (tx) => {
      const [row] = await getOutbox(tx, [call ?? ''])
      if (row) await recordCallStatus(tx, o.clock.now(), row.idempotencyKey, status)
    })
    return reply.code(204).send()
  })

  app.setErrorHandler((err: Error & { code?: string; statusCode?: number }, req, reply) => {
    if (err instanceof MalformedWebhookError) return reply.code(400).send({ error: 'malformed', detail: err.message })
    const status = err.statusCode
    if (status && status < 500) return reply.code(status).send({ error: err.code ?? 'bad_request' })
    req.log.error({ errorName: err.name, errorCode: err.code }, 'twilio webhook failed')
    return reply.code(500).send({ error: 'internal' })
  })
}
