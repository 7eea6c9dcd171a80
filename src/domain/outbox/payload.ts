/**
 * What an outbound message is about, by id, beside its text (docs/decisions/0026-slack-interactivity.md).
 * Channel-neutral: SMS and WhatsApp send the text and ignore it; Slack renders it as Block Kit with
 * buttons whose values are these ids. `answered` marks the version shown after someone acted on it: the
 * same message, its buttons gone.
 */
export type OutboxPayload =
  /** An SOS alert: Acknowledge. */
  | { kind: 'sos_alert'; incidentId: string; answered?: boolean }
  /** One occurrence of a reminder (person-set, dose or missed-dose nudge): Done, Snooze 15 min. */
  | { kind: 'reminder'; scheduleId: string; occurrence: number; answered?: boolean }
  /** The dose guard's warning about doses just recorded and flagged: Record anyway, Cancel. */
  | { kind: 'dose_guard'; doseIds: string[]; answered?: boolean }
  /** A notice for one person where they are (Slack: an ephemeral message in that conversation). */
  | { kind: 'private_notice' }

export type OutboxPayloadKind = OutboxPayload['kind']
