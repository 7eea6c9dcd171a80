import formbody from '@fastify/formbody'
import Fastify, { type FastifyInstance } from 'fastify'
import twilio from 'twilio'
import { createTwilioClient } from '../src/channels/twilio/client.js'
import { ACCOUNT_SID, AUTH_TOKEN, PUBLIC_BASE_URL, SMS_FROM, WEBHOOK_PATH } from './support.js'

const EMPTY_TWIML = new twilio.twiml.MessagingResponse().toString()

/** The floor for ingest: Fastify parsing the same form body and answering the same TwiML, nothing stored. */
export async function ingestBaseline(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false })
  await app.register(formbody)
  app.post(WEBHOOK_PATH, async (req, reply) => {
    const params = req.body as Record<string, string | undefined>
    if (!params.MessageSid) return reply.code(400).send()
    return reply.type('text/xml').send(EMPTY_TWIML)
  })
  return app
}

/**
 * The floor for inbound-to-outbound: the webhook handler sends its one reply straight through the same
 * twilio client the app uses, to the same fake. No signature check, no inbox, no outbox, no worker.
 */
export async function sendBaseline(fakeUrl: string): Promise<FastifyInstance> {
  const client = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: fakeUrl })
  const app = Fastify({ logger: false })
  await app.register(formbody)
  app.post(WEBHOOK_PATH, async (req, reply) => {
    const params = req.body as Record<string, string | undefined>
    await client.messages.create({
      to: params.From ?? '',
      from: SMS_FROM,
      // About as long as the app's who-am-i answer.
      body: 'You’re Member 1, a family member in The Benches (America/New_York). I reach you on SMS, then WhatsApp.',
      statusCallback: `${PUBLIC_BASE_URL}/webhooks/twilio/status`,
    })
    return reply.type('text/xml').send(EMPTY_TWIML)
  })
  return app
}
