import { isDomainError } from '../../domain/errors.js'
import { addAllergyTool } from '../../domain/medical/tools.js'
import { runTool, type ToolContext } from '../../domain/tools.js'

/**
 * "Maya is allergic to penicillin", "Leo has a peanut allergy", "Maya is severely allergic to eggs —
 * hives", "add allergy: amoxicillin for Maya": a parent records an allergy by chat, so the dose guard
 * can read it (domain/safety/allergy.ts) without the assistant. Only a plain statement about a child
 * in the record: a question, a sentence about someone else, or anything longer goes on to the agent.
 */
const NAME = "([\\p{L}][\\p{L}'’-]{0,30})"
const SUBSTANCE = "([\\p{L}][\\p{L}0-9'’ -]{1,40}?)"
const REACTION = '(?:\\s*(?:\\(([^)]{1,80})\\)|[,;:—–-]+\\s*(?:she |he |they )?(?:gets? |got |had |has )?(.{1,80})))?'
const FORMS = [
  new RegExp(
    `^${NAME}(?:\\s+is|['’]s)\\s+(?:(severely|very|badly|mildly|slightly)\\s+)?allergic\\s+to\\s+${SUBSTANCE}${REACTION}[.!]*$`,
    'iu',
  ),
  new RegExp(`^${NAME}\\s+has\\s+(?:an?\\s+)?(?:(severe|mild|bad)\\s+)?${SUBSTANCE}\\s+allergy${REACTION}[.!]*$`, 'iu'),
  new RegExp(`^(?:add\\s+)?(?:an?\\s+)?allergy\\s*:?\\s+${SUBSTANCE}\\s+(?:for|to)\\s+${NAME}()()()[.!]*$`, 'iu'),
]

/** Words that begin a sentence like a name but are about the sender or nobody in particular. */
const NOT_A_CHILD = new Set([
  'i',
  'im',
  'i’m',
  "i'm",
  'she',
  'he',
  'it',
  'who',
  'what',
  'which',
  'is',
  'are',
  'my',
  'mom',
  'dad',
])

export async function addAllergyByChat(ctx: ToolContext, text: string): Promise<string | undefined> {
  const read = readAllergy(text.trim())
  if (!read || NOT_A_CHILD.has(read.name.toLowerCase())) return undefined
  try {
    const added = await runTool(addAllergyTool, ctx, {
      dependent: read.name,
      substance: read.substance,
      reaction: read.reaction,
      severity: read.severity,
    })
    const kind = added.severity === 'severe' ? 'a severe allergy' : 'an allergy'
    const reaction = added.reaction ? ` (${added.reaction})` : ''
    return (
      `Recorded: ${read.name} has ${kind} to ${added.substance}${reaction}. ` +
      'It is on the visit summary, and I’ll warn anyone who logs or asks about a medicine it rules out.'
    )
  } catch (err) {
    // Not a child in the record ("Mom is allergic to cats"): for the agent, which knows the whole family.
    if (isDomainError(err) && err.code === 'not_found') return undefined
    throw err
  }
}

interface ReadAllergy {
  name: string
  substance: string
  reaction?: string
  severity?: 'mild' | 'severe'
}

export function readAllergy(text: string): ReadAllergy | undefined {
  for (const [i, re] of FORMS.entries()) {
    const m = re.exec(text)
    if (!m) continue
    // The third form puts the substance first: "allergy: amoxicillin for Maya".
    const [name, degree, substance] = i === 2 ? [m[2], undefined, m[1]] : [m[1], m[2], m[3]]
    const reaction = (m[4] ?? m[5])?.trim()
    if (!name || !substance) return undefined
    const severity = /^(?:severe|severely|very|bad|badly)$/i.test(degree ?? '')
      ? 'severe'
      : /^(?:mild|mildly|slightly)$/i.test(degree ?? '')
        ? 'mild'
        : undefined
    return {
      name,
      substance: substance.trim().replace(/^(?:the|a|an)\s+/i, ''),
      ...(reaction ? { reaction } : {}),
      ...(severity ? { severity } : {}),
    }
  }
  return undefined
}
