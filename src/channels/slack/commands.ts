import type { App, SlashCommand } from '@slack/bolt'
import { DomainError } from '../../domain/errors.js'
import { personNameProblem } from '../../domain/families/names.js'
import { parseRole } from '../../domain/families/roles.js'
import { inviteMember } from '../../domain/families/service.js'
import { roleWord } from '../../domain/families/words.js'
import { setFamilyChannel } from '../../domain/family-channel/service.js'
import { can } from '../../domain/permissions.js'
import { clockText, parseClock } from '../../lib/clock-words.js'
import { SLACK_UNLINKED } from '../../pipeline/onboarding.js'
import { replyForError } from '../../pipeline/replies.js'
import { slackReplyAddress, slackUserAddress } from './address.js'
import { type SlackFeatureDeps, slackActor } from './deps.js'
import { type FamilyChannels, familyChannelKey } from './family-channel.js'
import { openLogModal } from './modal.js'

/** `<@U123|name>` or `<@U123>`, as Slack escapes a mention in command text (should_escape: true). */
const MENTION = /^<@([A-Z0-9]{2,40})(?:\|([^>]*))?>\s+as\s+(.+)$/i
const ADD_USAGE = 'Usage: `/nanny add @person as caregiver` (or parent, family member, viewer, emergency contact).'

type Ack = (response?: string) => Promise<void>
/** Handles the subcommand; `false` declines it, and the text goes to the pipeline like any `/nanny` text. */
// biome-ignore lint/suspicious/noConfusingVoidType: most handlers return ack()'s void; only `false` means declined
type Handler = (c: SlashCommand, ack: Ack) => Promise<void | false>

/**
 * `/nanny log`, `/nanny here`, `/nanny add @user as …` and `/nanny join`, answered at once (they need
 * the command's trigger_id or channel, or an immediate yes/no). Bolt runs global middleware before the
 * listeners: a subcommand handled here is acknowledged and never reaches the generic `/nanny` listener,
 * which stores everything else as a text for the pipeline (bolt.ts).
 */
export function registerNannySubcommands(app: App, d: SlackFeatureDeps, channels: FamilyChannels): void {
  const handlers: Record<string, Handler> = {
    log: async (c, ack) => {
      const words = await openLogModal(d, {
        team: c.team_id,
        user: c.user_id,
        triggerId: c.trigger_id,
        text: rest(c.text),
      })
      await ack(words || undefined)
    },
    // "/nanny here is the rash": not about the channel, and not to be swallowed.
    here: async (c, ack) => {
      if (channelDigestTime(rest(c.text)) === 'not_ours') return false
      await ack(await chooseFamilyChannel(d, channels, c))
    },
    add: async (c, ack) => await ack(await addSlackUser(d, c)),
    // Consent to an invitation, the way YES is by text (0006): stored as YES for the pipeline.
    join: async (c, ack) => {
      // A member already: a stored YES could answer some pending question of theirs instead.
      const member = await d.db.read((tx) => slackActor(tx, c.team_id, c.user_id))
      if (member) return await ack('You’re already in your family on MedNanny: type `/nanny who am i`.')
      const stored = await d.accept({
        channel: 'slack',
        externalId: `command:${c.trigger_id}`,
        fromAddress: slackUserAddress(c.team_id, c.user_id),
        body: 'YES',
        meta: {},
      })
      d.log.info({ inboxId: stored.id, kind: 'join', duplicate: stored.duplicate }, 'inbound accepted')
      await ack('On it — I’ll answer in our direct messages.')
    },
  }
  app.use(async (args) => {
    const c = args.body as Partial<SlashCommand>
    const ack = (args as { ack?: Ack }).ack
    const handler = c.command === '/nanny' && c.text !== undefined ? handlers[firstWord(c.text)] : undefined
    if (!handler || !ack) return await args.next()
    if ((await handler(c as SlashCommand, ack)) === false) return await args.next()
  })
}

/** "here", "here.", "here:" are one subcommand; a `here` that declines passes the text on whole. */
const firstWord = (text: string) =>
  text
    .trim()
    .split(/\s+/)[0]
    ?.toLowerCase()
    .replace(/[.!?,:]+$/, '') ?? ''
const rest = (text: string) => text.trim().split(/\s+/).slice(1).join(' ')

/**
 * `/nanny here [7pm | no digest]`: a parent makes the channel the family's (in a channel, not a DM), with
 * its daily digest at the time given, none, or — with no time — as it was (8 PM for a first channel).
 * Other words ("please", the channel's own mention) change nothing.
 */
async function chooseFamilyChannel(d: SlackFeatureDeps, channels: FamilyChannels, c: SlashCommand): Promise<string> {
  if (c.channel_id.startsWith('D')) return 'Type `/nanny here` in the channel your family should use, not in a DM.'
  const wanted = channelDigestTime(rest(c.text))
  const key = familyChannelKey(c.team_id, c.channel_id)
  try {
    const result = await d.db.transaction(async (tx) => {
      const actor = await slackActor(tx, c.team_id, c.user_id)
      if (!actor) return undefined
      // Who may comes before what time: a caregiver's "here 7" is refused, not asked about.
      if (!can(actor.role, 'family:channel')) {
        throw new DomainError(
          'forbidden',
          'family channel is for parents',
          'Only a parent can choose the family channel.',
        )
      }
      if (wanted === 'unclear' || wanted === 'not_ours') return 'unclear'
      const address = slackReplyAddress(c.team_id, c.user_id, c.channel_id)
      const row = await setFamilyChannel(tx, actor, d.clock.now(), { channel: 'slack', key, address }, wanted)
      return row
    })
    if (!result) return SLACK_UNLINKED
    if (result === 'unclear') {
      return (
        'Nothing is set yet: what time should the family channel’s digest come? Say it with am or pm, like ' +
        '`/nanny here 7pm`, or `/nanny here no digest`.'
      )
    }
    channels.set(result.familyId, key)
    const digest = result.digestAt
      ? `post the daily digest here at ${clockText(result.digestAt)} (\`/nanny here 7pm\` changes it)`
      : 'post no daily digest here (`/nanny here 8pm` starts one)'
    return (
      `This is now your family channel: I’ll answer family members here (in a thread) and ${digest}. ` +
      'If I’m not in this channel yet, add me with `/invite @MedNanny`.'
    )
  } catch (err) {
    const words = replyForError(err)
    if (!words) throw err
    return words
  }
}

/**
 * What follows `/nanny here`: nothing but polite words or the channel's own mention ('keep'), "no digest"
 * (null), a time, 'unclear' when a time was meant but cannot be read ("here 7": morning or evening?),
 * and 'not_ours' for anything else ("here is the rash"), which is a message, not a setting.
 */
function channelDigestTime(words: string): string | null | 'keep' | 'unclear' | 'not_ours' {
  const w = words
    .toLowerCase()
    .replace(/<#[^>]*>/g, ' ') // the channel itself, as Slack escapes it
    .replace(/\b(?:please|pls|thanks|thank you|now|for the family|for our family)\b/g, ' ')
    .replace(/^[\s.!?,:]+|[!]+|\.+$/g, ' ')
    .trim()
  if (!w) return 'keep'
  if (/^(?:no digest|digest off|no daily digest|without (?:a |the )?digest|off)$/.test(w)) return null
  const time = w.replace(/^(?:digest\s+)?(?:at\s+)?/, '')
  if (time === 'noon') return '12:00'
  if (time === 'midnight') return 'unclear'
  const clock = parseClock(time)
  if (clock) return clock
  return /^(?:digest\b|at\b|\d)/.test(w) ? 'unclear' : 'not_ours'
}

/**
 * `/nanny add @user as caregiver`: a parent invites a Slack user. They are a member only after they say
 * YES (or `/nanny join`) in their DM with the app, like an invitation by text (0006, 0023).
 */
async function addSlackUser(d: SlackFeatureDeps, c: SlashCommand): Promise<string> {
  const m = MENTION.exec(rest(c.text))
  const role = m?.[3] ? parseRole(m[3]) : undefined
  if (!m?.[1] || !role) return ADD_USAGE
  const user = m[1]
  const name = await displayName(d, user, m[2])
  try {
    const invited = await d.db.transaction(async (tx) => {
      const actor = await slackActor(tx, c.team_id, c.user_id)
      if (!actor) return undefined
      if (!can(actor.role, 'members:invite')) {
        throw new DomainError('forbidden', 'members:invite', 'Only a parent can add people to the family.')
      }
      const address = slackUserAddress(c.team_id, user)
      return await inviteMember(tx, actor, d.clock.now(), { name, ...role, kind: 'slack', address })
    })
    if (!invited) return SLACK_UNLINKED
    d.onOutbox()
    return `Invited ${name} as ${roleWord(invited.member.role)}. They join when they answer YES (or \`/nanny join\`) in their DM with me.`
  } catch (err) {
    const words = replyForError(err)
    if (!words) throw err
    return words
  }
}

/** The name to greet them by: the one in the mention, else their Slack profile, else a placeholder. */
async function displayName(d: SlackFeatureDeps, user: string, fromMention?: string): Promise<string> {
  const usable = (n?: string) => (n && !personNameProblem(n) ? n.trim() : undefined)
  const given = usable(fromMention)
  if (given) return given
  try {
    const info = await d.client.users.info({ user })
    return usable(info.user?.profile?.display_name) ?? usable(info.user?.real_name) ?? 'New member'
  } catch {
    return 'New member'
  }
}
