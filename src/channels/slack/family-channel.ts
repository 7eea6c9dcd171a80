import { listFamilyChannels } from '../../domain/family-channel/service.js'
import type { InboundMessage } from '../../domain/inbox/service.js'
import { slackReplyAddress, slackUserAddress } from './address.js'
import { type SlackFeatureDeps, slackActor } from './deps.js'
import { isPersonMessage, mediaOf, plainText, type SlackEnvelope, slackEnvelope } from './inbound.js'

/** How the family channel is recognised: `team:channel` (the domain stores it as an opaque key). */
export const familyChannelKey = (team: string, channel: string) => `${team}:${channel}`

/**
 * The family channels, in memory (one small row per family), so a message in any other channel the app
 * is in costs no database read. Loaded on first use; `/nanny here` updates it.
 */
export class FamilyChannels {
  private byKey: Map<string, string> | undefined

  constructor(private readonly d: Pick<SlackFeatureDeps, 'db'>) {}

  /** The family whose channel this is, if any. */
  async familyOf(team: string, channel: string): Promise<string | undefined> {
    if (!this.byKey) {
      const rows = await this.d.db.read((tx) => listFamilyChannels(tx))
      this.byKey = new Map(rows.map((r) => [r.key, r.familyId]))
    }
    return this.byKey.get(familyChannelKey(team, channel))
  }

  /** A family chose this channel; its previous one stops being special. */
  set(familyId: string, key: string): void {
    if (!this.byKey) return // loaded on first use, with the new row
    for (const [k, f] of this.byKey) if (f === familyId) this.byKey.delete(k)
    this.byKey.set(key, familyId)
  }
}

/**
 * A person's message in a channel that is for us to consider: the same validated envelope as DMs and
 * mentions (inbound.ts), and not a mention of the app (the app_mention event answers those).
 */
function channelEnvelope(body: unknown): SlackEnvelope | undefined {
  const envelope = slackEnvelope(body)
  const e = envelope?.event
  if (!envelope || !e || e.type !== 'message' || e.channel_type === 'im' || !isPersonMessage(e)) return undefined
  const bot = envelope.authorizations?.find((a) => a.is_bot)?.user_id
  if (bot && e.text?.includes(`<@${bot}`)) return undefined
  return envelope
}

/** Words with a shared file that mean "read this label": a prescription, a medicine, "add this". */
const FOR_US =
  /\b(?:prescriptions?|rx|pharmacy|label|medicines?|medications?|meds|antibiotics?|add (?:this|it)|read (?:this|it))\b/i

/**
 * Every message in a family channel (not only mentions) from an active member of *that* family goes to
 * the pipeline and is answered in a thread under it, one conversation per thread. Anyone else's
 * messages there are left alone: no instructions posted into the family's conversation, and no answers
 * about another family. A message that mentions the app is left to the `app_mention` event (bolt.ts), which
 * answers it the same way (Slack sends both events for it, with different event ids).
 */
export function familyChannelHandler(d: SlackFeatureDeps, channels: FamilyChannels) {
  return async (body: unknown): Promise<void> => {
    const envelope = channelEnvelope(body)
    const e = envelope?.event
    if (!envelope || !e?.channel || !e.user || !e.ts) return
    const team = envelope.team_id
    const familyId = await channels.familyOf(team, e.channel)
    if (!familyId) return
    const actor = await d.db.read((tx) => slackActor(tx, team, e.user ?? ''))
    if (actor?.familyId !== familyId) return
    const thread = e.thread_ts ?? e.ts
    const message: InboundMessage = {
      channel: 'slack',
      externalId: envelope.event_id,
      fromAddress: slackUserAddress(team, e.user),
      conversationKey: `slack:${team}:${e.channel}:${thread}`,
      body: plainText(e.text ?? '', { stripMention: false }),
      // A file shared there is read as one sent in a DM is (docs/decisions/0027) only when its words ask
      // for it: a snapshot at the beach is for the family and never reaches the model unasked. Its text
      // ("Leo has a fever, see the thermometer") is a message like any other.
      media: FOR_US.test(e.text ?? '') ? mediaOf(e.files) : [],
      meta: { replyTo: slackReplyAddress(team, e.user, e.channel, thread) },
    }
    if (!message.body && !message.media?.length) return
    const { id, duplicate } = await d.accept(message)
    d.log.info({ inboxId: id, kind: 'family-channel', duplicate }, 'inbound accepted')
  }
}
