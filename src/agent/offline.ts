import { ASSISTANT_UNAVAILABLE, NO_ASSISTANT } from '../pipeline/replies.js'
import type { Agent } from '../pipeline/types.js'

/**
 * The agent without a model. Everything deterministic (logs, "when did she last eat?", reminders) was
 * already answered by the fast path before a message gets here, so what is left needs the assistant:
 * say so plainly, and say what works without it. `unavailable` is the model agent's fallback when
 * the model failed or ran out of time (docs/decisions/0022-agent.md).
 */
export function createOfflineAgent(reason: 'no-key' | 'unavailable'): Agent {
  const words = reason === 'no-key' ? NO_ASSISTANT : ASSISTANT_UNAVAILABLE
  const route = reason === 'no-key' ? 'agent:offline' : 'agent:fallback'
  return {
    async respond() {
      return { route, replies: [words] }
    },
  }
}

/** Used when ANTHROPIC_API_KEY is not set. */
export const offlineAgent: Agent = createOfflineAgent('no-key')
