import { expect } from 'vitest'
import { type ParseContext, parseMessage } from '../../../src/agent/parser/index.js'

/**
 * The families the parser tables run against. Times in the tables are ISO instants; each family's
 * `now` says which local clock time that is, so "at 3" can be checked by hand.
 */

/** Thursday 15 January 2026, 4:10 pm in Los Angeles (PST, UTC-8). */
export const LA_NOW = '2026-01-16T00:10:00.000Z'

/** Two children (Maya, Leo) and Grandpa Joe, who is a member and a dependent. The sender is Ana, a parent. */
export const lopez: ParseContext = {
  now: new Date(LA_NOW),
  timezone: 'America/Los_Angeles',
  locale: 'en-US',
  dependents: [
    { id: 'dep_maya', name: 'Maya Lopez', nicknames: ['May', 'Bug'] },
    { id: 'dep_leo', name: 'Leo', nicknames: ['Buddy'] },
    { id: 'dep_joe', name: 'Joe', nicknames: [] },
  ],
  members: [
    { id: 'mem_ana', name: 'Ana' },
    { id: 'mem_rosa', name: 'Rosa' },
    { id: 'mem_joe', name: 'Grandpa', dependentId: 'dep_joe' },
  ],
  self: { memberId: 'mem_ana' },
  medications: ['Lisinopril', 'Metformin'],
}

/** The same family, with Grandpa Joe texting for himself. */
export const lopezAsJoe: ParseContext = { ...lopez, self: { memberId: 'mem_joe', dependentId: 'dep_joe' } }

/** Thursday 15 January 2026, 4:10 pm in London (GMT, UTC+0). */
export const UK_NOW = '2026-01-15T16:10:00.000Z'

/** One child in London; the parents write in British English (ml, °C). */
export const evans: ParseContext = {
  now: new Date(UK_NOW),
  timezone: 'Europe/London',
  locale: 'en-GB',
  dependents: [{ id: 'dep_olivia', name: 'Olivia Evans', nicknames: ['Liv', 'Livvy'] }],
  members: [
    { id: 'mem_sam', name: 'Sam' },
    { id: 'mem_tom', name: 'Tom' },
  ],
  self: { memberId: 'mem_sam' },
}

/** Twins in New York who share a nickname ("Bean"); 4:10 pm EST. */
export const park: ParseContext = {
  now: new Date('2026-01-15T21:10:00.000Z'),
  timezone: 'America/New_York',
  locale: 'en-US',
  dependents: [
    { id: 'dep_ava', name: 'Ava', nicknames: ['Bean'] },
    { id: 'dep_mia', name: 'Mia', nicknames: ['Bean', 'Mimi'] },
  ],
  members: [{ id: 'mem_jin', name: 'Jin' }],
  self: { memberId: 'mem_jin' },
}

/** One child and Grandma Wei, who is cared for too; Los Angeles, same instant as the Lopez family. */
export const chen: ParseContext = {
  now: new Date(LA_NOW),
  timezone: 'America/Los_Angeles',
  locale: 'en-US',
  dependents: [
    { id: 'dep_lily', name: 'Lily', nicknames: [] },
    { id: 'dep_wei', name: 'Grandma Wei', nicknames: ['Nai Nai'] },
  ],
  members: [
    { id: 'mem_mei', name: 'Mei' },
    { id: 'mem_wei', name: 'Grandma', dependentId: 'dep_wei' },
  ],
  self: { memberId: 'mem_mei' },
  medications: ['Eliquis', 'Donepezil', 'Namenda'],
}

/** The command as JSON: Dates become ISO strings, absent fields vanish, so a table can spell it out. */
export function parsed(text: string, ctx: ParseContext): unknown {
  const command = parseMessage(text, ctx)
  return command === undefined ? undefined : JSON.parse(JSON.stringify(command))
}

export type Case = [text: string, expected: object | undefined]

/** Checks one table row; the message names the text so a failing row is easy to find. */
export function expectCase(ctx: ParseContext, [text, expected]: Case): void {
  expect(parsed(text, ctx), text).toEqual(expected)
}

export const maya = { dependentId: 'dep_maya' }
export const leo = { dependentId: 'dep_leo' }
export const joe = { dependentId: 'dep_joe' }
export const olivia = { dependentId: 'dep_olivia' }
/** A pronoun or no name in the Lopez family, for a feed, a nap or a diaper: one of the children. */
export const lopezKids = { ambiguous: ['dep_maya', 'dep_leo'] }
/** A pronoun or no name for a reading or a dose: anyone cared for, grandpa too. */
export const lopezAll = { ambiguous: ['dep_maya', 'dep_leo', 'dep_joe'] }
