import type { Role } from './schema.js'

export type InvitedRole = Exclude<Role, 'owner'>

/**
 * The everyday words people use for a role, shared by the chat fast path and the CLI so both
 * understand the same things. An emergency contact is not a role: it is a flag on any role, and on
 * its own it means a viewer who is reached by SOS.
 */
const ROLE_WORDS: [RegExp, InvitedRole][] = [
  [/^(caregiver|nanny|babysitter|sitter|carer|au pair|childminder)$/, 'caregiver'],
  [/^(admin|parent|co-?parent|mom|mum|mother|dad|father|partner|wife|husband|spouse)$/, 'admin'],
  [
    /^(member|family|family member|relative|grandparent|grandma|grandpa|grandmother|grandfather|granny|grandad|granddad|nana|nanna|papa|aunt|auntie|uncle)$/,
    'member',
  ],
  [/^(viewer|read[- ]only)$/, 'viewer'],
]

/** "nanny" → caregiver; "emergency contact" → a viewer reached by SOS; "grandma and emergency contact" → both. */
export function parseRole(words: string): { role: InvitedRole; emergencyContact: boolean } | undefined {
  const text = words.toLowerCase().trim()
  const emergencyContact = /emergency contact/.test(text)
  const rest = text
    .replace(/(,|\band\b|\balso\b)?\s*(an?\s+)?emergency contact/, '')
    .replace(/^(an?|my|our|the)\s+/, '')
    .trim()
  if (!rest) return emergencyContact ? { role: 'viewer', emergencyContact } : undefined
  const found = ROLE_WORDS.find(([re]) => re.test(rest))
  return found ? { role: found[1], emergencyContact } : undefined
}
