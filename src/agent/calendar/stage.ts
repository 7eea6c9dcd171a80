import { newCalendarFeed, revokeCalendarFeeds } from '../../domain/calendar/service.js'
import { isSharedConversation } from '../../pipeline/conversation.js'
import type { Stage } from '../../pipeline/types.js'

const LINK =
  /^(?:(?:send|give|get)\s+(?:me\s+)?(?:a\s+|the\s+|my\s+)?)?(?:new\s+)?(?:calendar|ical|ics)(?:\s+(?:link|feed|url|subscription))?(?:\s+please)?[.!?]*$|^subscribe(?:\s+me)?\s+to\s+(?:the\s+|my\s+)?calendar[.!?]*$/i
const ONLY_IN_DM = 'A calendar link is private: ask me for it in a direct message.'
const STOP =
  /^(?:stop|revoke|cancel|turn\s+off)\s+(?:the\s+|my\s+)?calendar(?:\s+(?:link|feed))?[.!?]*$|^calendar\s+off[.!?]*$/i

/**
 * "calendar link" sends the sender a private calendar-feed URL (docs/decisions/0029) — deterministic,
 * never through the model, which would otherwise see the secret; "stop calendar" revokes it. A new link
 * always revokes the old one, so a link forwarded by mistake is fixed by asking again.
 */
export function calendarStage(baseUrl: string): Stage {
  return {
    name: 'calendar',
    async handle(turn) {
      const text = turn.text.trim()
      if (STOP.test(text)) {
        const n = await revokeCalendarFeeds(turn.tx, turn.actor, turn.clock.now())
        const words = n
          ? 'Your calendar link is off; calendars subscribed to it stop updating.'
          : 'You have no calendar link.'
        return { route: 'calendar:stop', replies: [words], remember: false }
      }
      if (!LINK.test(text)) return undefined
      if (isSharedConversation(turn.message.conversationKey)) {
        return { route: 'calendar:link', replies: [ONLY_IN_DM], remember: false }
      }
      const token = await newCalendarFeed(turn.tx, turn.actor, turn.clock.now())
      return {
        route: 'calendar:link',
        replies: [
          `📅 Your private calendar link (shifts, your reminders, vaccines due): ${baseUrl}/calendar/${token}.ics\n` +
            'Add it in Google Calendar (Other calendars → From URL) or Apple Calendar (File → New Calendar ' +
            'Subscription). Anyone with the link can read it: don’t share it. Any earlier link stopped working; ' +
            'text STOP CALENDAR to turn it off.',
        ],
        // The reply carries the secret: its text is blanked soon after it is sent (docs/decisions/0029).
        secret: true,
        // The link is a secret: it is not replayed to the model as conversation memory.
        remember: false,
      }
    },
  }
}
