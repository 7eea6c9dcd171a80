import { careLogTools } from '../../domain/care-log/tools.js'
import { cycleTools } from '../../domain/cycles/tools.js'
import { dependentTools } from '../../domain/dependents/tools.js'
import { familyTools } from '../../domain/families/tools.js'
import { growthPercentilesTool } from '../../domain/growth/tools.js'
import { medicalTools } from '../../domain/medical/tools.js'
import { medicationTools } from '../../domain/medications/tools.js'
import { nannyTools } from '../../domain/nanny/tools.js'
import { preferenceTools } from '../../domain/preferences/tools.js'
import { reportTools } from '../../domain/reports/tools.js'
import { reminderTools } from '../../domain/schedules/tools.js'
import { sosTools } from '../../domain/sos/tools.js'
import type { Tool } from '../../domain/tools.js'

/**
 * Every tool the model may call: the same objects the fast path and the CLI use. All are offered to
 * every role (the definitions are part of the cached prefix, so they must not vary per sender);
 * runTool refuses what the sender's role does not allow.
 */
export const agentTools: readonly Tool[] = [
  ...familyTools,
  ...dependentTools,
  ...careLogTools,
  ...medicationTools,
  ...medicalTools,
  ...nannyTools,
  ...reminderTools,
  ...preferenceTools,
  ...sosTools,
  ...reportTools,
  growthPercentilesTool,
  ...cycleTools,
] as Tool[]
