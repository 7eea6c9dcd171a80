import type { Channel, Role } from './families/schema.js'

/**
 * Who is acting, resolved from the verified sender: never from message text or model output.
 * Every service and tool takes it and scopes every read and write to `familyId`.
 */
export interface ActorContext {
  familyId: string
  memberId: string
  role: Role
  /** The channel the request came in on; replies go back there. */
  channel: Channel
  /** The address on that channel (E.164 or Slack team:user). */
  address: string
  timezone: string
  locale: string
}
