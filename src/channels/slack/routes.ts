import type { IncomingMessage } from 'node:http'
import type { HTTPReceiver } from '@slack/bolt'
import type { FastifyInstance } from 'fastify'
import { SLACK_EVENTS_PATH } from './bolt.js'

export interface SlackRoutesOptions {
  receiver: HTTPReceiver
}

/**
 * `POST /slack/events` inside our Fastify server: the body is kept as the exact bytes Slack signed and
 * handed to Bolt's request listener, which verifies, parses, acknowledges and dispatches. Registered as
 * an encapsulated plugin, so the raw-body parser applies to this route only.
 */
export async function slackRoutes(app: FastifyInstance, o: SlackRoutesOptions) {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))

  app.post(SLACK_EVENTS_PATH, (req, reply) => {
    // Bolt's bufferIncomingMessage reuses `rawBody` when it is a Buffer: the HMAC runs over these bytes.
    ;(req.raw as IncomingMessage & { rawBody?: Buffer }).rawBody = Buffer.isBuffer(req.body)
      ? req.body
      : Buffer.alloc(0)
    reply.hijack()
    o.receiver.requestListener(req.raw, reply.raw)
  })
}
