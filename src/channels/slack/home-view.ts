import type { Dashboard, DependentDashboard } from '../../domain/dashboard/service.js'
import { formatLocalTime } from '../../lib/timezone.js'
import { escapeText } from './sender.js'

/**
 * App Home as Block Kit (docs.slack.dev/surfaces/app-home): one section per dependent, then reminders
 * and any SOS in play. Only numbers and times from the member's own family reach here.
 */
type Block = Record<string, unknown>
const md = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } })
const context = (text: string): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] })

export function homeView(board: Dashboard, zone: string, now: Date, locale = 'en-US'): Block {
  const at = (d: Date) => formatLocalTime(d, zone, locale)
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: 'MedNanny' } }]
  if (board.sos) {
    blocks.push(md(`🚨 *SOS ${board.sos.status}* since ${at(board.sos.createdAt)}. Open the alert to respond.`))
  }
  if (!board.dependents.length) blocks.push(md('No one is in your family’s record yet.'))
  for (const d of board.dependents) blocks.push({ type: 'divider' }, ...dependentBlocks(d, at))
  if (board.reminders.length) {
    const lines = board.reminders.map((r) => `• ${at(r.at)} — ${escapeText(r.body)}`)
    blocks.push({ type: 'divider' }, md(`*Next reminders*\n${lines.join('\n')}`))
  }
  blocks.push(context(`Updated ${at(now)} · \`/nanny log\` to add an entry`))
  return { type: 'home', callback_id: 'nanny_home', blocks }
}

function dependentBlocks(d: DependentDashboard, at: (d: Date) => string): Block[] {
  const feed = d.lastFeed
    ? `${at(d.lastFeed.at)}${d.lastFeed.amountMl ? ` (${Math.round(d.lastFeed.amountMl)} ml)` : ` (${d.lastFeed.method})`}`
    : '—'
  const sleep = d.asleepSince
    ? `asleep since ${at(d.asleepSince)}`
    : d.lastSleep
      ? `awake; last slept ${at(d.lastSleep.startAt)} – ${at(d.lastSleep.endAt)}`
      : '—'
  const diapers = `${d.diapersToday.changes} (${d.diapersToday.wet} wet, ${d.diapersToday.dirty} dirty)`
  const fields = [
    `*Last feed*\n${feed}`,
    `*Sleep*\n${sleep}`,
    `*Diapers today*\n${diapers}`,
    `*Doses due today*\n${d.dosesDue.length ? d.dosesDue.map((s) => `${escapeText(s.medication)} ${s.time}`).join(', ') : 'none'}`,
  ]
  const last = d.lastDoses.length
    ? d.lastDoses.map((x) => `${escapeText(x.drugName)} ${at(x.at)}${x.flagged ? ' ⚠️' : ''}`).join(' · ')
    : 'none in 30 days'
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${escapeText(d.name)}*` },
      fields: fields.map((t) => ({ type: 'mrkdwn', text: t })),
    },
    context(`Last doses: ${last}`),
  ]
}

/** What an unlinked Slack user sees: how to link, and nothing about any family. */
export function unlinkedHomeView(): Block {
  return {
    type: 'home',
    callback_id: 'nanny_home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'MedNanny' } },
      md(
        'This Slack account isn’t linked to a family yet, so there is nothing to show. Ask your family’s owner ' +
          'for a link code (they run `mednanny slack link`), then type `/nanny link CODE`.',
      ),
    ],
  }
}
