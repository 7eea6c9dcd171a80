import { z } from 'zod'
import { NoInput } from '../families/input.js'
import { defineTool } from '../tools.js'
import { ageInDays } from './age.js'
import { AddDependentInput, DependentRef } from './input.js'
import { addDependent, listDependentRows, setDependentSex } from './service.js'

export const addDependentTool = defineTool({
  name: 'add_dependent',
  description: 'Add a child (or an adult cared for) to the family’s record: name, birth date, optional weight.',
  input: AddDependentInput,
  permission: 'dependents:write',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => {
    const d = await addDependent(tx, actor, clock.now(), input)
    return { id: d.id, name: d.name, birthDate: d.birthDate, weightKg: input.weightKg }
  },
})

export const listDependentsTool = defineTool({
  name: 'list_dependents',
  description: 'The people the family cares for, with their age in days (derived from the birth date).',
  input: NoInput,
  permission: 'dependents:read',
  readOnly: true,
  run: async ({ tx, actor, clock }) => {
    const rows = await listDependentRows(tx, actor)
    return rows.map((d) => ({
      id: d.id,
      name: d.name,
      nicknames: d.nicknames,
      birthDate: d.birthDate,
      ageDays: d.birthDate ? ageInDays(d.birthDate, clock.now(), actor.timezone) : undefined,
    }))
  },
})

export const setDependentSexTool = defineTool({
  name: 'set_dependent_sex',
  description: 'Record whether a child is a girl or a boy (or other): the WHO growth percentiles are published by sex.',
  input: DependentRef.extend({ sex: z.enum(['female', 'male', 'other']) }),
  permission: 'dependents:write',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => {
    const d = await setDependentSex(tx, actor, clock.now(), input.dependent, input.sex)
    return { id: d.id, name: d.name, sex: d.sex }
  },
})

export const dependentTools = [addDependentTool, listDependentsTool, setDependentSexTool]
