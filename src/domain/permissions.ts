import type { Role } from './families/schema.js'

/**
 * Who may do what, as data. Roles: owner (created the family), admin (a parent), caregiver (a nanny:
 * logs care, reads the record), member (family, e.g. a grandparent), viewer (read-only, e.g. an
 * emergency contact who is not otherwise involved).
 */
export const PERMISSIONS = {
  'family:read': ['owner', 'admin', 'caregiver', 'member', 'viewer'],
  'members:read': ['owner', 'admin', 'caregiver', 'member', 'viewer'],
  'members:invite': ['owner', 'admin'],
  'members:remove': ['owner', 'admin'],
  /** Children and adults cared for: parents add them; everyone in the family can see who they are. */
  'dependents:read': ['owner', 'admin', 'caregiver', 'member', 'viewer'],
  'dependents:write': ['owner', 'admin'],
  /** The care log: anyone who cares for a dependent logs and corrects their own entries; viewers read. */
  'care:read': ['owner', 'admin', 'caregiver', 'member', 'viewer'],
  'care:write': ['owner', 'admin', 'caregiver', 'member'],
  /** Medication plans are set by parents (or the adult themself, as a member); anyone caring gives doses. */
  'medications:read': ['owner', 'admin', 'caregiver', 'member', 'viewer'],
  'medications:write': ['owner', 'admin'],
  'doses:write': ['owner', 'admin', 'caregiver', 'member'],
  /** The medical record: carers add to it (a visit, a shot); every read is audited. */
  'medical:read': ['owner', 'admin', 'caregiver', 'member', 'viewer'],
  'medical:write': ['owner', 'admin', 'caregiver', 'member'],
  /** Providers (the pediatrician's number) are the parents' to set. */
  'providers:write': ['owner', 'admin'],
  /** Everyone sets reminders for themselves; parents also for others (the nanny, grandpa). */
  'reminders:write': ['owner', 'admin', 'caregiver', 'member', 'viewer'],
  'reminders:others': ['owner', 'admin'],
  /** How an SOS escalates is the parents' to set; everyone may read it. */
  'sos:policy': ['owner', 'admin'],
  /** Shifts: parents set them; those who work them (and the family) read them and clock in and out. */
  'shifts:read': ['owner', 'admin', 'caregiver', 'member'],
  'shifts:write': ['owner', 'admin'],
  'shifts:clock': ['owner', 'admin', 'caregiver', 'member'],
  /**
   * Cycle tracking is a member's own, whatever her role: she logs and reads hers; another member reads
   * it only when she shares it (checked per call in domain/cycles/access.ts, not by role). Nobody writes hers.
   */
  'cycles:own': ['owner', 'admin', 'caregiver', 'member', 'viewer'],
  /** Everyone chooses their own digest and quiet hours. */
  'preferences:write': ['owner', 'admin', 'caregiver', 'member', 'viewer'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role)
}
