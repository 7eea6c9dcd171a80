import type { Outcome, Stage, Turn } from './types.js'

/** Several stages as one: the first that answers wins. */
export function firstOf(name: string, stages: Stage[]): Stage {
  return {
    name,
    async handle(turn: Turn): Promise<Outcome | undefined> {
      for (const stage of stages) {
        const outcome = await stage.handle(turn)
        if (outcome) return outcome
      }
      return undefined
    },
  }
}
