// Request validation: query strings, params and headers arrive as text and are coerced to their
// schema's types (limit=5 -> 5); bodies are JSON and must already have the right types
// ("template": 123 is a 400, not "123"). Unknown fields are refused, never removed.
import { AjvCompiler } from '@fastify/ajv-compiler'
import type { FastifyServerOptions, RouteOptions } from 'fastify'

const BASE_OPTIONS = { removeAdditional: false, useDefaults: true, allErrors: true }
const buildFromPool = AjvCompiler()

type SchemaController = NonNullable<FastifyServerOptions['schemaController']>
type BuildValidator = NonNullable<NonNullable<SchemaController['compilersFactory']>['buildValidator']>

export const buildValidator: BuildValidator = (externalSchemas, serverOptions) => {
  const options = (coerceTypes: 'array' | false): typeof serverOptions => ({ ...serverOptions, customOptions: { ...BASE_OPTIONS, coerceTypes } } as typeof serverOptions)
  const forText = buildFromPool(externalSchemas, options('array'))
  const forJson = buildFromPool(externalSchemas, options(false))
  return (route) => route.httpPart === 'body' ? forJson(route) : forText(route)
}

const NO_QUERY = { type: 'object', properties: {}, additionalProperties: false }

/**
 * An onRoute hook: a route that declares no query parameters refuses any (a 400 naming it), as those that
 * declare some do. Documentation and static routes (no schema) are left alone.
 */
export function refuseUnknownQuery (route: RouteOptions): void {
  if (!route.schema || route.schema.hide === true || route.schema.querystring) return
  route.schema = { ...route.schema, querystring: NO_QUERY }
}
