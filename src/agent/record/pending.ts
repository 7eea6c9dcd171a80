import { closeQuestion, openQuestion } from '../../domain/conversation/service.js'
import { listDependentRows } from '../../domain/dependents/service.js'
import type { Outcome, Stage, Turn } from '../../pipeline/types.js'

/** A reply to "Which child?" is short: "Maya", "it was Leo", "for maya pls". */
const MAX_ANSWER_WORDS = 6

/**
 * The answer to "Which child — Maya or Leo?": the waiting message comes back, now about the chosen child,
 * and goes through the whole pipeline from the red-flag gate on — a dose finished this way is checked
 * by the dose guard like any other. A reply that names none of the options leaves the question open.
 * This stage runs first and never answers by itself.
 */
export function pendingAnswerStage(): Stage {
  return {
    name: 'pending-answer',
    async handle(turn: Turn): Promise<Outcome | undefined> {
      const pending = await openQuestion(turn.tx, turn.actor, turn.clock.now())
      if (pending?.kind !== 'which_dependent') return undefined
      const options = (await listDependentRows(turn.tx, turn.actor)).filter((d) => pending.options.includes(d.id))
      const words: string[] = turn.text.toLowerCase().match(/[\p{L}'’-]+/gu) ?? []
      if (words.length === 0 || words.length > MAX_ANSWER_WORDS) return undefined
      const picks = options.filter((d) => [d.name, ...d.nicknames].some((n) => words.includes(n.toLowerCase())))
      if (picks.length !== 1 || !picks[0]) return undefined
      await closeQuestion(turn.tx, turn.actor)
      turn.text = aboutChild((pending.payload as { text: string }).text, picks[0].name)
      return undefined
    },
  }
}

/**
 * The waiting message with the child named: a pronoun becomes the name ("when did she last eat?" →
 * "when did Leo last eat?"), otherwise the name leads ("Leo: wet diaper").
 */
export function aboutChild(text: string, name: string): string {
  const named = text
    .replace(/\b(she|he|they)\b/i, name)
    .replace(/\b(her|his|their)\b(?=\s+\w)/i, `${name}'s`)
    .replace(/\b(him|them|her)\b/i, name)
    .replace(/\bthe baby\b/i, name)
  return named === text ? `${name}: ${text}` : named
}
