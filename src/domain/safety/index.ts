/** The red-flag gate's public surface: the pipeline imports from here. */
export { evaluateGate } from './gate.js'
export { extractTemperatures, type Reading, type Site } from './temperature.js'
export {
  type DoseEvent,
  type Drug,
  type GateDependent,
  type GateFinding,
  type GateInput,
  type GateOutcome,
  TIERS,
  type Tier,
} from './types.js'
