import type { Schedule } from './schema.js'

/** What one due schedule comes to: the occurrence to send (if any), the missed ones, the next run. */
export interface Firing {
  schedule: Schedule
  send?: { at: Date; late: boolean }
  missed: Date[]
  next?: Date
}
