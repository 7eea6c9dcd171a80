/**
 * The gate's labelled corpus: every case from the parts, built from ../shared/reference/health-facts.md.
 * gate.test.ts runs each one; metrics.ts and bench/gate.ts measure precision and recall over all of them.
 */
import { DOSE_CASES } from './corpus/dose.js'
import { EMERGENCY_CASES } from './corpus/emergency.js'
import { FEVER_CASES } from './corpus/fever.js'
import { FIELD_CASES } from './corpus/field.js'
import { OTHER_CASES } from './corpus/other.js'
import type { GateCase } from './fixtures.js'

export type { GateCase } from './fixtures.js'
export { input } from './fixtures.js'

export const CORPUS: GateCase[] = [...EMERGENCY_CASES, ...FEVER_CASES, ...DOSE_CASES, ...OTHER_CASES, ...FIELD_CASES]
