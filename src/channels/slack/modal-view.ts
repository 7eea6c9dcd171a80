/**
 * The `/nanny log` modal as Block Kit (docs.slack.dev/surfaces/modals, docs.slack.dev/reference/block-kit):
 * who, what kind, when (on the family's wall clock), and the few fields each kind needs. One form; the
 * fields of kinds not chosen are ignored. `/nanny log feed` shows the feed fields only.
 */
export const LOG_CALLBACK = 'nanny_log'
export const LOG_KINDS = ['feed', 'sleep', 'diaper', 'dose'] as const
export type LogKind = (typeof LOG_KINDS)[number]

export interface LogPrefill {
  dependents: { id: string; name: string }[]
  dependentId?: string
  kind?: LogKind
  /** The family's local date and time now: `YYYY-MM-DD`, `HH:mm`. */
  date: string
  time: string
  timezone: string
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true })
const option = (value: string, text: string) => ({ text: plain(text), value })
const KIND_WORDS: Record<LogKind, string> = { feed: '🍼 Feed', sleep: '😴 Sleep', diaper: '🧷 Diaper', dose: '💊 Dose' }

type Block = Record<string, unknown>

function input(blockId: string, label: string, element: Block, optional = false, hint?: string): Block {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element: { action_id: 'value', ...element },
    optional,
    ...(hint ? { hint: plain(hint) } : {}),
  }
}

function select(options: [string, string][], initial?: string): Block {
  const opts = options.map(([v, t]) => option(v, t))
  const chosen = opts.find((o) => o.value === initial)
  return { type: 'static_select', options: opts, ...(chosen ? { initial_option: chosen } : {}) }
}

const number = (decimal: boolean) => ({ type: 'number_input', is_decimal_allowed: decimal, min_value: '0' })

/** The fields of one kind; optional in the form, checked on submit for the kind chosen. */
function kindBlocks(kind: LogKind, only: boolean): Block[] {
  const label = (text: string) => (only ? text : `${KIND_WORDS[kind].slice(2)}: ${text.toLowerCase()}`)
  switch (kind) {
    case 'feed':
      return [
        input(
          'feed_method',
          label('How'),
          select(
            [
              ['bottle', 'Bottle'],
              ['breast', 'Breast'],
              ['solids', 'Solids'],
            ],
            'bottle',
          ),
          true,
        ),
        input('feed_ml', label('Amount (ml)'), number(true), true, 'For a bottle'),
        input('feed_minutes', label('Minutes'), number(false), true, 'For breastfeeding'),
      ]
    case 'sleep':
      return [
        input(
          'sleep_event',
          label('What happened'),
          select(
            [
              ['start', 'Fell asleep'],
              ['end', 'Woke up'],
              ['range', 'A nap that is over'],
            ],
            'start',
          ),
          true,
        ),
        input(
          'sleep_minutes',
          label('Nap length (minutes)'),
          number(false),
          true,
          'For a nap that is over; the time is when it started',
        ),
      ]
    case 'diaper':
      return [
        input(
          'diaper',
          label('Diaper'),
          { type: 'checkboxes', options: [option('wet', 'Wet'), option('dirty', 'Dirty')] },
          true,
        ),
      ]
    case 'dose':
      return [
        input(
          'dose_drug',
          label('Medicine'),
          { type: 'plain_text_input', max_length: 80 },
          true,
          'As on the label, e.g. Tylenol',
        ),
        input('dose_amount', label('Amount'), number(true), true),
        input('dose_unit', label('Unit'), { type: 'plain_text_input', max_length: 20 }, true, 'ml, mg, tablets…'),
      ]
  }
}

export function logModal(p: LogPrefill): Block {
  const kinds = p.kind ? [p.kind] : [...LOG_KINDS]
  const who = p.dependents.map((d): [string, string] => [d.id, d.name])
  const blocks: Block[] = [
    input('child', 'Who', select(who, p.dependentId)),
    ...(p.kind
      ? []
      : [
          input('kind', 'What', {
            type: 'radio_buttons',
            options: LOG_KINDS.map((k) => option(k, KIND_WORDS[k])),
            initial_option: option('feed', KIND_WORDS.feed),
          }),
        ]),
    input('date', 'Date', { type: 'datepicker', initial_date: p.date }),
    input('time', `Time (${p.timezone})`, { type: 'timepicker', initial_time: p.time, timezone: p.timezone }),
    ...kinds.flatMap((k) => kindBlocks(k, kinds.length === 1)),
  ]
  return {
    type: 'modal',
    callback_id: LOG_CALLBACK,
    // Which kind a single-kind form logs; the actor is resolved again from the submitter, never from here.
    private_metadata: JSON.stringify(p.kind ? { kind: p.kind } : {}),
    title: plain(p.kind ? `Log a ${p.kind}` : 'Log care'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks,
  }
}
