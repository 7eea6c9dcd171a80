import type { FastifyInstance } from 'fastify'
import type { Db } from '../db/client.js'
import { calendarFor, calendarOwner } from '../domain/calendar/service.js'
import type { Clock } from '../lib/clock.js'

/**
 * GET /calendar/<token>.ics: the member's calendar feed (docs/decisions/0029). An unknown, revoked or
 * malformed token gets the same 404, so the answer says nothing about which tokens exist. The URL is
 * the credential: the route logs at warn only, so the token never reaches the info log.
 */
export async function calendarRoutes(app: FastifyInstance, { db, clock }: { db: Db; clock: Clock }) {
  app.get<{ Params: { token: string } }>('/calendar/:token', { logLevel: 'warn' }, async (req, reply) => {
    const token = req.params.token.replace(/\.ics$/, '')
    let body: string | undefined
    try {
      body = await db.read(async (tx) => {
        const actor = await calendarOwner(tx, token)
        return actor ? await calendarFor(tx, actor, clock.now()) : undefined
      })
    } catch (err) {
      // Fastify's own error log would print the request, URL and token included: answer here instead.
      req.log.error({ errorName: (err as Error)?.name }, 'calendar feed failed')
      return reply.code(500).type('text/plain; charset=utf-8').send('The calendar is unavailable; try again later.')
    }
    if (!body) return reply.code(404).type('text/plain; charset=utf-8').send('No such calendar.')
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'private, max-age=900')
      .header('referrer-policy', 'no-referrer')
      .send(body)
  })
}
