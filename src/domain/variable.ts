// Prompt variables, and how a seed document's `[label]` placeholder becomes one.
import type { VariableType, VariableValue } from './variable-types.js'

export interface Variable {
  name: string
  description: string
  examples: string[]
  required: boolean
  /** Absent for "string", the default. */
  type?: VariableType
  /** The allowed values of an enum variable. */
  enum?: string[]
  default?: VariableValue
}

/** `[specific domain like e-commerce, IoT, etc.]` -> name "specific_domain", examples ["e-commerce", "IoT"]. */
export function variableFromLabel (label: string): Variable {
  const hint = /^(.*?)\s+like\s+(.*)$/i.exec(label)
  const base = hint ? hint[1]! : label
  const examples = hint
    ? hint[2]!.split(',').map((item) => item.trim()).filter((item) => item !== '' && !/^etc\.?$/i.test(item))
    : []
  const name = base.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')
  return { name, description: label, examples, required: true }
}
