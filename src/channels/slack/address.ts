/**
 * Slack addresses as the inbox and outbox store them (no other layer parses them):
 * - `T123:U456`, a member's Slack identity (team:user): the sender opens a DM with the user;
 * - `T123:U456@C789` or `T123:U456@C789/1789560000.000100`, a reply posted where the message came
 *   from (a DM channel, or a channel's thread after a mention). The user part keeps one recipient's
 *   messages in order in the outbox.
 */
export interface SlackAddress {
  team: string
  user: string
  channel?: string
  threadTs?: string
}

const ADDRESS = /^([A-Z0-9]+):([A-Z0-9]+)(?:@([A-Z0-9]+)(?:\/(\d+\.\d+))?)?$/

export function slackUserAddress(team: string, user: string): string {
  return `${team}:${user}`
}

export function slackReplyAddress(team: string, user: string, channel: string, threadTs?: string): string {
  return `${team}:${user}@${channel}${threadTs ? `/${threadTs}` : ''}`
}

export function parseSlackAddress(address: string): SlackAddress | undefined {
  const m = ADDRESS.exec(address)
  if (!m?.[1] || !m[2]) return undefined
  return { team: m[1], user: m[2], channel: m[3], threadTs: m[4] }
}
