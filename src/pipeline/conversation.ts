/**
 * Whether a conversation is read by more than its sender: a Slack channel or private channel (ids C…,
 * G…), as opposed to a DM (D…), an SMS number or a WhatsApp chat. The key is the inbox's conversation
 * key, `slack:<team>:<channel>[:<thread>]` for Slack (channels/slack/inbound.ts). Private things (cycle
 * tracking, a calendar link) are never said there.
 */
export function isSharedConversation(conversationKey: string): boolean {
  return /^slack:[^:]+:[CG]/.test(conversationKey)
}
