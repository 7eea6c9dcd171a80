import type { FastifyInstance } from 'fastify'
import type { Db } from '../db/client.js'
import { loadMedia } from '../domain/media/service.js'
import { renderSnapshot } from '../domain/reports/render.js'
import type { Clock } from '../lib/clock.js'
import type { UrlSigner } from '../lib/signed-url.js'

export interface MediaRouteOptions {
  db: Db
  clock: Clock
  signer: UrlSigner
}

/** The path a media row is served at; the signer adds `exp` and `sig`. */
export const mediaPath = (id: string) => `/media/${id}`

/**
 * GET /media/:id?exp&sig — a chart (PNG) or visit summary (PDF) for Twilio to fetch and attach
 * (docs/decisions/0034-signed-media-urls.md). The signature covers the path and the expiry: a changed
 * one is 403, an expired one 410. The picture is drawn from the row's snapshot on each fetch, outside
 * any transaction, and never cached by intermediaries. Logs carry the row id and kind, never the values.
 */
export async function mediaRoutes(app: FastifyInstance, { db, clock, signer }: MediaRouteOptions) {
  // Fastify's request lines would log the URL, signature included (a capability): this route logs its own.
  const log = app.log
  app.get<{ Params: { id: string }; Querystring: { exp?: string; sig?: string } }>(
    '/media/:id',
    { logLevel: 'warn' },
    async (req, reply) => {
      const { id } = req.params
      const check = signer.check(mediaPath(id), req.query.exp, req.query.sig, clock.now())
      if (check !== 'ok') {
        log.info({ mediaCheck: check }, 'media url refused')
        return reply
          .code(check === 'expired' ? 410 : 403)
          .send({ error: check === 'expired' ? 'link expired' : 'bad signature' })
      }
      const started = performance.now()
      let drawn: { row: { kind: string }; out: Awaited<ReturnType<typeof renderSnapshot>> } | undefined
      try {
        const found = await db.read((tx) => loadMedia(tx, id))
        drawn = found && { row: found.row, out: await renderSnapshot(found.snapshot) }
      } catch (err) {
        // Answered here: Fastify's own error log would print the URL, signature included.
        log.error({ mediaId: id, errorName: (err as Error)?.name }, 'media render failed')
        return reply.code(500).send({ error: 'could not draw it' })
      }
      if (!drawn) return reply.code(404).send({ error: 'not found' })
      const { row, out } = drawn
      log.info(
        { mediaId: id, kind: row.kind, bytes: out.bytes.length, ms: Math.round(performance.now() - started) },
        'media rendered',
      )
      return reply
        .header('content-type', out.contentType)
        .header('content-disposition', `inline; filename="${out.filename}"`)
        .header('cache-control', 'private, no-store')
        .send(out.bytes)
    },
  )
}
