import type { App } from '@slack/bolt'
import { and, gt, inArray, lte, max } from 'drizzle-orm'
import type { Logger } from 'pino'
import type { Db } from '../../db/client.js'
import { auditLog } from '../../domain/audit/schema.js'
import { familyDashboard } from '../../domain/dashboard/service.js'
import type { Clock } from '../../lib/clock.js'
import type { SlackClient } from './client.js'
import { slackActor } from './deps.js'
import { homeView, unlinkedHomeView } from './home-view.js'

/** A Home tab opened longer ago than this is no longer kept fresh; opening it again publishes anew. */
const VIEWER_TTL_MS = 24 * 3_600_000
/** Writes within this window share one republish per family. */
const DEFAULT_DEBOUNCE_MS = 2_000

interface Viewer {
  team: string
  user: string
  familyId: string
  openedAt: number
}

/**
 * Keeps App Home current (docs/decisions/0031). `app_home_opened` publishes at once and remembers the
 * viewer (in memory, for a day). After any commit that may have changed the record (`nudge`: the inbox
 * worker, the scheduler, the modal), a coalesced pass runs outside every transaction: it reads which
 * families the audit log says changed since the last pass (ids sort by creation) and republishes Home
 * for the viewers of those families only. Twenty writes in two seconds cost one query and one
 * views.publish per viewer of that family.
 */
export class HomeRefresher {
  private readonly viewers = new Map<string, Viewer>()
  /** The newest audit id already accounted for. */
  private mark: string | undefined
  private timer: NodeJS.Timeout | undefined
  private running: Promise<number> = Promise.resolve(0)

  constructor(
    private readonly d: { db: Db; clock: Clock; client: SlackClient; log: Logger },
    private readonly debounceMs = DEFAULT_DEBOUNCE_MS,
  ) {}

  /** A user opened the Home tab: publish their view now and keep it fresh while they may look at it. */
  async opened(team: string, user: string): Promise<void> {
    if (this.mark === undefined) this.mark = await this.newestAudit()
    const key = `${team}:${user}`
    try {
      const familyId = await this.publish(team, user)
      if (familyId) this.viewers.set(key, { team, user, familyId, openedAt: this.d.clock.now().getTime() })
      else this.viewers.delete(key)
    } catch (err) {
      // Slack refused or was unreachable: the tab shows what it showed; the next opening tries again.
      this.d.log.warn({ err: errorCode(err) }, 'app home publish failed')
    }
  }

  /** The record may have changed: republish soon (coalesced). Cheap when nobody has Home open. */
  nudge(): void {
    if (!this.viewers.size || this.timer) return
    this.timer = setTimeout(() => void this.flush(), this.debounceMs)
    this.timer.unref()
  }

  /** Runs the pending pass now (tests; shutdown). Resolves with the number of views published. */
  flush(): Promise<number> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    this.running = this.running
      .then(() => this.pass())
      .catch((err: unknown) => {
        this.d.log.warn({ err: err instanceof Error ? err.name : 'error' }, 'app home refresh failed')
        return 0
      })
    return this.running
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
  }

  private async pass(): Promise<number> {
    const now = this.d.clock.now().getTime()
    for (const [key, v] of this.viewers) if (now - v.openedAt > VIEWER_TTL_MS) this.viewers.delete(key)
    if (!this.viewers.size) return 0
    const families = [...new Set([...this.viewers.values()].map((v) => v.familyId))]
    const since = this.mark ?? ''
    // One read: the newest id and the families changed up to it, so no commit slips between the two.
    const { newest, changed } = await this.d.db.read(async (tx) => {
      const [top] = await tx.select({ id: max(auditLog.id) }).from(auditLog)
      const upTo = top?.id ?? since
      const rows = await tx
        .select({ familyId: auditLog.familyId })
        .from(auditLog)
        .where(and(gt(auditLog.id, since), lte(auditLog.id, upTo), inArray(auditLog.familyId, families)))
        .groupBy(auditLog.familyId)
      return { newest: upTo, changed: rows }
    })
    this.mark = newest
    const touched = new Set(changed.map((c) => c.familyId))
    let published = 0
    for (const v of this.viewers.values()) {
      if (!touched.has(v.familyId)) continue
      // One viewer's failure (a 429, a deactivated user) must not leave the others stale.
      try {
        if (await this.publish(v.team, v.user)) published++
        else this.viewers.delete(`${v.team}:${v.user}`)
      } catch (err) {
        this.d.log.warn({ errorName: (err as Error)?.name }, 'app home publish failed')
      }
    }
    return published
  }

  /** Publishes one user's Home; returns their family id, or undefined when they are not a member. */
  private async publish(team: string, user: string): Promise<string | undefined> {
    const now = this.d.clock.now()
    const built = await this.d.db.read(async (tx) => {
      const actor = await slackActor(tx, team, user)
      if (!actor) return { view: unlinkedHomeView() }
      const board = await familyDashboard(tx, actor, now)
      return { view: homeView(board, actor.timezone, now, actor.locale), familyId: actor.familyId }
    })
    await this.d.client.views.publish({ user_id: user, view: built.view as never })
    return built.familyId
  }

  private async newestAudit(): Promise<string | undefined> {
    const [row] = await this.d.db.read((tx) => tx.select({ id: max(auditLog.id) }).from(auditLog))
    return row?.id ?? undefined
  }
}

/** A Web API error's code (`slack_webapi_platform_error`, `rate_limited`…), never its message or body. */
const errorCode = (err: unknown) => (err as { code?: string }).code ?? (err instanceof Error ? err.name : 'error')

/** `app_home_opened` (Home tab only; the Messages tab sends it too) → publish. */
export function registerAppHome(app: App, home: HomeRefresher): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return
    const team = (body as { team_id?: string }).team_id ?? ''
    // One read and one views.publish: well inside the 3 s Slack gives the acknowledgement.
    await home.opened(team, event.user)
  })
}
