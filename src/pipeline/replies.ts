import type { DomainErrorCode } from '../domain/errors.js'
import { isDomainError } from '../domain/errors.js'

/** What we text back when a rule stops a request and the rule gave no words of its own. */
export const replyForCode: Record<DomainErrorCode, string> = {
  not_found: 'I couldn’t find that in your family’s record.',
  forbidden: 'Your role in this family doesn’t allow that. Ask a parent or the family’s owner.',
  invalid_input: 'I didn’t quite get that. Send HELP to see examples.',
  conflict: 'That clashes with something already in the record.',
  limit_exceeded: 'That’s over a limit I can’t go past.',
}

export const GENERIC_FAILURE = 'Sorry — something went wrong on my side. Please try again in a minute.'

/** The words for an error: the domain's own user message, or the code's default. Never a stack trace. */
export function replyForError(err: unknown): string | undefined {
  if (!isDomainError(err)) return undefined
  return err.userMessage ?? replyForCode[err.code]
}

export const HELP_MEMBER = [
  'MedNanny keeps your family’s care record by text. Try:',
  '• who am i',
  '• my family',
  '• add Maria +1 555 123 4567 as nanny',
  '• add grandma +44 7700 900123 as emergency contact',
  '• remove Maria',
  '• digest on (each child’s day at 8 pm) · digest at 9pm · digest off',
  '• quiet hours 10pm-7am · quiet hours off',
  'Reply STOP to stop messages, START to resume.',
].join('\n')

export const HELP_STRANGER =
  'MedNanny keeps a family’s care record, reminders and SOS alerts by text. ' +
  'To start a family, send HI. If someone invited you, reply YES to their invitation. Reply STOP to opt out.'

/** What works without the assistant (the fast path), said whenever the assistant cannot answer. */
export const WITHOUT_ASSISTANT =
  'I can still log feeds, sleep, diapers, doses and temperatures, answer “when did Maya last eat?” or “last Tylenol?”, and set reminders. Send HELP for examples.'

/** No ANTHROPIC_API_KEY: free-form questions need the assistant, which is not set up. */
export const NO_ASSISTANT = `I can’t answer that without the assistant, which isn’t set up here. ${WITHOUT_ASSISTANT}`

/** A key is set but the model failed or ran out of time: the notice, then what still works. */
export const ASSISTANT_UNAVAILABLE = `The assistant isn’t reachable right now, so I couldn’t answer that; please try again in a few minutes. ${WITHOUT_ASSISTANT}`
