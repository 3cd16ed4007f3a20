// The `variables` object of a render request -> a Map of name to text, checked against the limits.
// Names arrive as object keys chosen by the client; they go straight into a Map and are never used to
// index an object, so __proto__, constructor or toString are ordinary names.
import { BadRequestError, type FieldError } from './errors.js'

export const MAX_VARIABLES = 100
export const MAX_VALUE_LENGTH = 10_000
export const MAX_NAME_LENGTH = 200

/** A JSON pointer segment (RFC 6901): ~ and / escaped. */
export function pointerSegment (name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1')
}

/**
 * Strings as they are, numbers and booleans as String() writes them. Objects, arrays and null are refused,
 * as are values over MAX_VALUE_LENGTH characters: each problem names its field with a pointer under `base`.
 */
export function toRenderValues (variables: object, base = '#/variables'): Map<string, string> {
  const entries = Object.entries(variables)
  if (entries.length > MAX_VARIABLES) {
    throw new BadRequestError(`${entries.length} variables sent; at most ${MAX_VARIABLES} are accepted`,
      [{ pointer: base, detail: `must have at most ${MAX_VARIABLES} properties` }])
  }
  const values = new Map<string, string>()
  const errors: FieldError[] = []
  for (const [name, value] of entries) {
    const pointer = `${base}/${pointerSegment(name.length > MAX_NAME_LENGTH ? name.slice(0, MAX_NAME_LENGTH) : name)}`
    if (name.length > MAX_NAME_LENGTH) {
      errors.push({ pointer, detail: `a variable name has at most ${MAX_NAME_LENGTH} characters` })
    } else if (typeof value === 'string') {
      if (value.length > MAX_VALUE_LENGTH) {
        errors.push({ pointer, detail: `is ${value.length} characters long; a value has at most ${MAX_VALUE_LENGTH}` })
      } else {
        values.set(name, value)
      }
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      values.set(name, String(value))
    } else {
      const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object'
      errors.push({ pointer, detail: `is ${kind}; a value must be a string, a number or a boolean` })
    }
  }
  if (errors.length > 0) {
    const shown = errors.slice(0, 20)
    throw new BadRequestError(shown.map((error) => `${error.pointer.slice(2)}: ${error.detail}`).join('; '), shown)
  }
  return values
}
