import { CANT_YET } from '../pipeline/replies.js'
import type { Agent } from '../pipeline/types.js'

/**
 * The agent without a model: it answers plainly that it cannot do this yet. The model-backed agent
 * (LangChain over Anthropic) replaces it when ANTHROPIC_API_KEY is set; it is not built yet.
 */
export const offlineAgent: Agent = {
  async respond() {
    return { route: 'agent:offline', replies: [CANT_YET] }
  },
}
