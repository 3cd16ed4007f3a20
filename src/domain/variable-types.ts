// Typed variables: string (the default), number, integer, boolean and enum. What a declaration may say,
// and whether a render value fits. Pure.
import type { FieldError } from './errors.js'

export const VARIABLE_TYPES = ['string', 'number', 'integer', 'boolean', 'enum'] as const
export type VariableType = typeof VARIABLE_TYPES[number]
export type VariableValue = string | number | boolean

export const MAX_ENUM_VALUES = 100

export interface TypedVariable {
  name: string
  type?: VariableType
  enum?: string[]
  default?: VariableValue
}

/** Why `value` does not fit the variable's type, or undefined when it does. */
export function valueMismatch (variable: TypedVariable, value: unknown): string | undefined {
  switch (variable.type ?? 'string') {
    case 'string':
      // Numbers and booleans have always been accepted for text and are written in their JSON form.
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? undefined : 'must be a string'
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `must be a number, not ${describe(value)}`
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? undefined : `must be an integer, not ${describe(value)}`
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false, not ${describe(value)}`
    case 'enum':
      return typeof value === 'string' && (variable.enum ?? []).includes(value)
        ? undefined
        : `must be one of ${(variable.enum ?? []).slice(0, 10).map((item) => JSON.stringify(item)).join(', ')}${(variable.enum ?? []).length > 10 ? ', …' : ''}`
  }
}

/** A value as the text puts it: strings as they are, numbers and booleans in their JSON form (0.2, true). */
export function valueText (value: VariableValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** The problems of one declaration's type, enum and default, with pointers under `base` (#/variables/3). */
export function declarationErrors (variable: TypedVariable, base: string): FieldError[] {
  const errors: FieldError[] = []
  const type = variable.type ?? 'string'
  if (type === 'enum') {
    const values = variable.enum
    if (values === undefined || values.length === 0 || values.length > MAX_ENUM_VALUES) {
      errors.push({ pointer: `${base}/enum`, detail: `an enum variable lists 1 to ${MAX_ENUM_VALUES} values` })
    } else if (new Set(values).size !== values.length) {
      errors.push({ pointer: `${base}/enum`, detail: 'lists a value twice' })
    }
  } else if (variable.enum !== undefined) {
    errors.push({ pointer: `${base}/enum`, detail: 'is only for type "enum"' })
  }
  if (errors.length === 0 && variable.default !== undefined) {
    const mismatch = valueMismatch(variable, variable.default)
    // A string variable's default is text: a number or boolean there is a mistake, not a value to convert.
    const strictString = type === 'string' && typeof variable.default !== 'string' ? 'must be a string' : undefined
    const detail = strictString ?? mismatch
    if (detail !== undefined) errors.push({ pointer: `${base}/default`, detail: `does not fit type "${type}": ${detail}` })
  }
  return errors
}

function describe (value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`
  if (typeof value === 'number') return String(value)
  return typeof value
}
