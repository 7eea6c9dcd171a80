import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Db } from '../../db/client.js'
import { usageByFamily } from '../../domain/assistant/service.js'
import { isDomainError } from '../../domain/errors.js'
import { type AcceptInbound, listInbox } from '../../domain/inbox/service.js'
import { recentOutbox } from '../../domain/outbox/service.js'
import { DEMO_PHONES, seedDemoFamily } from '../../domain/record/demo.js'
import type { Clock } from '../../lib/clock.js'
import { newId } from '../../lib/ids.js'
import { toE164 } from '../../lib/phone.js'
import { fromRoot } from '../../lib/root.js'

const PAGE = readFileSync(fromRoot('src/channels/console/page.html'), 'utf8')

const SendBody = z.object({
  channel: z.enum(['sms', 'whatsapp']),
  from: z.string().min(3).max(40),
  body: z.string().min(1).max(1600),
})

/**
 * The dev console: a page that sends messages into the inbox as if from a phone, and shows every
 * outbound message with its status. Local development only; off when real providers are configured.
 */
export async function consoleRoutes(
  app: FastifyInstance,
  o: { db: Db; clock: Clock; accept: AcceptInbound; mediaUrl?: (mediaId: string) => string },
) {
  app.get('/dev', async (_req, reply) => reply.type('text/html; charset=utf-8').send(PAGE))

  app.post('/dev/api/messages', async (req, reply) => {
    const parsed = SendBody.safeParse(req.body)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return reply.code(400).send({ error: 'invalid', detail: issue && `${issue.path.join('.')}: ${issue.message}` })
    }
    const from = toE164(parsed.data.from)
    if (!from) return reply.code(400).send({ error: 'invalid', detail: 'from: not a phone number (use +country code)' })
    const { id } = await o.accept({
      channel: parsed.data.channel,
      externalId: newId('DEV'),
      fromAddress: from,
      body: parsed.data.body,
    })
    return reply.code(202).send({ inboxId: id, from })
  })

  // Polled every second by the page: keep it out of the info log.
  // One click to a family with history, so every feature can be tried at once (issue #4).
  app.post('/dev/api/demo', async (_req, reply) => {
    try {
      const { family, phones } = await o.db.transaction((tx) => seedDemoFamily(tx, o.clock.now()))
      return reply.code(201).send({ familyId: family.id, phones })
    } catch (err) {
      if (isDomainError(err) && err.code === 'conflict') {
        return reply.code(409).send({ error: 'demo_exists', phones: DEMO_PHONES })
      }
      throw err
    }
  })

  app.get('/dev/api/feed', { logLevel: 'warn' }, async () => {
    const [inbox, outbox, dead, usage] = await o.db.read(
      async (tx) =>
        [
          await listInbox(tx, { limit: 200 }),
          await recentOutbox(tx, 200),
          await listInbox(tx, { status: 'dead', limit: 50 }),
          // The assistant's tokens over the last 24 h, per family (docs/decisions/0022-agent.md).
          await usageByFamily(tx, new Date(o.clock.now().getTime() - 86_400_000)),
        ] as const,
    )
    return {
      usage,
      inbox: [...inbox].reverse().map((m) => ({
        id: m.id,
        channel: m.channel,
        from: m.fromAddress,
        body: m.body,
        status: m.status,
        at: m.receivedAt,
      })),
      outbox: outbox.map((m) => ({
        id: m.id,
        channel: m.channel,
        to: m.toAddress,
        body: m.body,
        kind: m.kind,
        status: m.status,
        errorCode: m.errorCode,
        inReplyTo: m.inReplyTo,
        // A chart or visit summary sent with the message: a signed link the page opens.
        mediaUrl: m.mediaId ? o.mediaUrl?.(m.mediaId) : undefined,
        at: m.createdAt,
      })),
      dead: dead.map((m) => ({
        id: m.id,
        from: m.fromAddress,
        attempts: m.attempts,
        error: m.lastError,
        at: m.receivedAt,
      })),
    }
  })
}
