import { describe, it } from 'vitest'
import { type Case, expectCase, leo, lopez, lopezAll, maya } from './families.js'

// Now is 4:10 pm PST on 15 Jan (00:10Z on the 16th).
const NOW = '2026-01-16T00:10:00.000Z'
const note = (subject: object, text: string) => ({ kind: 'log_note', subject, at: NOW, text })

const notes: Case[] = [
  ['note: Maya was fussy after her shots', note(maya, 'Maya was fussy after her shots')],
  ['Note - leo ate grass at the park', note(leo, 'leo ate grass at the park')],
  // Voice-to-text drops the colon.
  ['Note Maya has a little rash on her cheek', note(maya, 'Maya has a little rash on her cheek')],
  // "add a note:" and "log:" are the same prefix; "log" needs its colon or dash.
  ['add a note: leo loves the new car seat', note(leo, 'leo loves the new car seat')],
  ['add note - maya is drooling a lot', note(maya, 'maya is drooling a lot')],
  ['log: Leo bumped his head, fine now', note(leo, 'Leo bumped his head, fine now')],
  ['note: she seems congested', note(lopezAll, 'she seems congested')],
  // Without the prefix the same fact is the agent's, and "log" without a colon is not a note.
  ['maya rolled over!!!', undefined],
  ['leo bumped his head', undefined],
  ['log 4oz at 3', undefined],
  ['logged it', undefined],
  ['add a note to remind me about the dentist', undefined],
  ['note: maya and leo both have colds', undefined],
]

describe('parseMessage: notes', () => {
  it.each(notes)('reads the note in "%s"', (...row) => expectCase(lopez, row))
})
