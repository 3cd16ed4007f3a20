// Checks a value against a TypeBox schema outside a route (prompt writes from an import, the CLI's
// files), with the same limits and the same 400 problem (a pointer per error) a route's validation gives.
import type { TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { BadRequestError } from '../domain/errors.js'

const MAX_REPORTED_ERRORS = 20

/** Compiles `schema` once; the checker throws a BadRequestError naming each field that breaks it. */
export function schemaCheck (schema: TSchema, what: string): (value: unknown) => void {
  const compiled = Compile(schema)
  return (value) => {
    if (compiled.Check(value)) return
    const errors = [...compiled.Errors(value)].slice(0, MAX_REPORTED_ERRORS)
      .map((error) => ({ pointer: `#${error.instancePath}`, detail: error.message }))
    const first = errors[0]
    throw new BadRequestError(first ? `${what}: ${first.pointer.slice(2) || 'the value'} ${first.detail}` : `${what} is not valid`, errors)
  }
}
