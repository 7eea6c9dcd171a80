import type { Conversation } from '../types.js'
import { ambiguous } from './ambiguous.js'
import { multiStep } from './multi-step.js'
import { notInRecord } from './not-in-record.js'
import { questions } from './questions.js'
import { refusals } from './refusals.js'

/** Every conversation of the eval, in the order they run. */
export const conversations: readonly Conversation[] = [
  ...questions,
  ...multiStep,
  ...ambiguous,
  ...refusals,
  ...notInRecord,
]
