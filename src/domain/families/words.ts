import type { Role } from './schema.js'

/** "The Garcias" stays as typed; "Garcia" reads "the Garcia family". */
export function familyPhrase(name: string): string {
  return /^the\s/i.test(name) || /\bfamily$/i.test(name) ? name : `the ${name} family`
}

export function roleWord(role: Role): string {
  return { owner: 'owner', admin: 'parent/admin', caregiver: 'caregiver', member: 'family member', viewer: 'viewer' }[
    role
  ]
}
