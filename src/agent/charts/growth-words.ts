import { percentileWords } from '../../domain/growth/percentile.js'
import type { Standing } from '../../domain/growth/service.js'

const UNIT = { weight: 'kg', length: 'cm', head: 'cm' } as const
const NAME = { weight: '', length: ' long', head: ' head' } as const

/** "4 months", "3 weeks", "9 days": how old, in the unit a parent would say. */
export function ageWords(months: number): string {
  const days = Math.round(months * 30.4375)
  if (months >= 1) return `${Math.floor(months)} month${Math.floor(months) === 1 ? '' : 's'}`
  if (days >= 14) return `${Math.floor(days / 7)} weeks`
  return `${days} day${days === 1 ? '' : 's'}`
}

/**
 * Where a growth entry stands on the WHO standard, as one sentence: "6.2 kg at 4 months: about the 39th
 * percentile (WHO)." — or what is missing to say it. Empty when there is nothing useful to add.
 */
export function standingWords(name: string, standing: Standing): string {
  const [first] = standing.percentiles
  if (first) {
    const parts = standing.percentiles.map(
      (p) => `${round(p.value)} ${UNIT[p.indicator]}${NAME[p.indicator]}: ${percentileWords(p.percentile)}`,
    )
    return `At ${ageWords(first.ageMonths)}, ${parts.join('; ')} (WHO growth standard).`
  }
  switch (standing.missing) {
    case 'no_sex':
      return `To place it on the WHO growth curves I need to know if ${name} is a girl or a boy: reply “${name} is a girl” or “${name} is a boy”.`
    case 'no_birth_date':
      return `Add ${name}’s birth date to see the WHO growth percentile.`
    case 'sex_other':
      return 'The WHO growth standards are published for girls and for boys only, so I can’t give a percentile.'
    default:
      return ''
  }
}

const round = (v: number) => Math.round(v * 100) / 100
