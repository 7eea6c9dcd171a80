import { id, index, integer, table, text, timestamp, uniqueIndex } from '../../db/columns.js'

/**
 * Model usage, one row per agent turn (per attempt: a turn retried after a restart costs twice and is
 * recorded twice). Summed per family for the dev console and cost checks.
 */
export const assistantUsage = table(
  'assistant_usage',
  {
    id: id(),
    familyId: text('family_id').notNull(),
    memberId: text('member_id').notNull(),
    inboxId: text('inbox_id').notNull(),
    /** The provider's model id. */
    model: text('model').notNull(),
    /** answered | fallback: how the turn ended. */
    outcome: text('outcome').notNull(),
    modelCalls: integer('model_calls').notNull(),
    toolCalls: integer('tool_calls').notNull(),
    /** Input tokens not read from or written to the prompt cache. */
    inputTokens: integer('input_tokens').notNull(),
    outputTokens: integer('output_tokens').notNull(),
    cacheReadTokens: integer('cache_read_tokens').notNull(),
    cacheWriteTokens: integer('cache_write_tokens').notNull(),
    ms: integer('ms').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    index('assistant_usage_family_idx').on(t.familyId, t.createdAt),
    index('assistant_usage_inbox_idx').on(t.inboxId),
  ],
)

/**
 * Writes the agent made for one inbound message, keyed by tool and input. A turn re-run after a restart
 * (the lease expired mid-turn) gets the recorded result instead of writing the same thing twice.
 */
export const assistantToolCalls = table(
  'assistant_tool_calls',
  {
    id: id(),
    inboxId: text('inbox_id').notNull(),
    /** Tool name + a hash of its validated input. */
    callKey: text('call_key').notNull(),
    /** What the tool returned, as JSON text for the model. */
    result: text('result').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('assistant_tool_calls_uq').on(t.inboxId, t.callKey)],
)
