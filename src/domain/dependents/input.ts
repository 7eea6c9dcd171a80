import { z } from 'zod'

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'not a real date')

export const AddDependentInput = z.object({
  name: z.string().trim().min(1).describe('First name, e.g. "Maya"'),
  nicknames: z.array(z.string().trim().min(1)).optional().describe('Other names the family uses, e.g. ["May"]'),
  birthDate: isoDate.optional().describe('Birth date, YYYY-MM-DD; age is always derived from it'),
  sex: z.enum(['female', 'male', 'other']).optional(),
  weightKg: z.number().positive().max(400).optional().describe('Current weight in kg, logged as a growth entry'),
  memberId: z.string().optional().describe('When the dependent is also a member (grandpa takes his own pills)'),
})
export type AddDependentInput = z.infer<typeof AddDependentInput>

export const DependentRef = z.object({
  dependent: z.string().trim().min(1).describe('The dependent’s id, name or nickname'),
})
