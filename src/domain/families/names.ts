/**
 * Names that MedNanny texts to other people ("Ana invited you to join The Garcias…") must be names, not
 * messages: anyone can create a family, so a "name" is the one free text a stranger can make us send to
 * any number. Letters of any script, spaces, apostrophes, hyphens and dots; no digits, no links.
 */
const PERSON = /^[\p{L}\p{M}][\p{L}\p{M} '’.-]*$/u
const FAMILY = /^[\p{L}\p{M}][\p{L}\p{M} '’.&-]*$/u
/** "evil.example", "bit.ly": a dot between letters reads as a link in most messaging apps. */
const LINK_LIKE = /[\p{L}\p{M}]\.[\p{L}\p{M}]/u

export const PERSON_NAME_MAX = 40
export const FAMILY_NAME_MAX = 60

/** Why `name` is not acceptable as a person's name, or undefined when it is. */
export function personNameProblem(name: string): string | undefined {
  return problem(name, PERSON, PERSON_NAME_MAX, 'a name has only letters, spaces, apostrophes and hyphens')
}

/** Why `name` is not acceptable as a family's name, or undefined when it is. */
export function familyNameProblem(name: string): string | undefined {
  return problem(name, FAMILY, FAMILY_NAME_MAX, 'a family name has only letters, spaces, apostrophes, hyphens and &')
}

function problem(name: string, pattern: RegExp, max: number, rule: string): string | undefined {
  const n = name.trim()
  if (!n) return 'the name is empty'
  if (n.length > max) return `a name has at most ${max} characters`
  if (!pattern.test(n) || LINK_LIKE.test(n)) return rule
  return undefined
}
