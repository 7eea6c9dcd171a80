import { forgetConversation } from '../../domain/conversation/memory.js'
import type { Stage } from '../../pipeline/types.js'

/**
 * "Forget this conversation" and its usual phrasings. Whole-message matches only, so "forget the 2pm
 * reminder" or "I forgot to log her nap" never reach it.
 */
const FORGET =
  /^(?:please\s+|ok(?:ay)?,?\s+)?(?:forget|clear|erase|delete|wipe|reset)\s+(?:this|our|the|my|that)\s+(?:whole\s+)?(?:conversation|convo|chat|chat history|thread|history)(?:\s+(?:please|now))?[.!]*$/i

export function isForgetRequest(text: string): boolean {
  return FORGET.test(text.trim())
}

export const FORGOTTEN =
  'Done — I’ve forgotten our conversation here. Nothing in the family’s record changed; ' +
  'what was logged stays logged.'

/**
 * Forgets the sender's conversation in this thread (docs/decisions/0024): only theirs, only here. The
 * exchange itself is not remembered either.
 */
export const memoryStage: Stage = {
  name: 'memory',
  async handle(turn) {
    if (!isForgetRequest(turn.text)) return undefined
    await forgetConversation(turn.tx, turn.actor, turn.message.conversationKey)
    return { route: 'memory:forget', replies: [FORGOTTEN], remember: false }
  },
}
