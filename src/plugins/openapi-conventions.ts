// What every operation of the OpenAPI document shares, added in one place rather than in each route: the
// rate-limit headers on every answer of a limited route and its 429 with Retry-After, the 400 that unknown
// query parameters get on every route (validation.ts), the 413 and 415 of any body, the 500 any route can answer,
// and the 503 of overload.

type Json = Record<string, unknown>

import { NEVER_SHED } from './overload.js'

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }

const headerRef = (name: string): Json => ({ $ref: `#/components/headers/${name}` })

/** Response headers the rate limiter sends (plugins/rate-limit.ts), declared once under components.headers. */
export const RATE_LIMIT_HEADERS: Record<string, Json> = {
  RateLimit: {
    description: 'The caller\'s remaining budget (IETF structured field): `"key";r=<remaining>;t=<seconds until reset>`, or `"ip";…` without a key.',
    schema: { type: 'string', maxLength: 200, pattern: '^"(key|ip)";r=\\d+;t=\\d+$', examples: ['"key";r=599;t=60'] }
  },
  'RateLimit-Policy': {
    description: 'The caller\'s budget (IETF structured field): `"key";q=<requests>;w=<window seconds>`.',
    schema: { type: 'string', maxLength: 200, pattern: '^"(key|ip)";q=\\d+;w=\\d+$', examples: ['"key";q=600;w=60'] }
  },
  'X-RateLimit-Limit': {
    description: 'Requests allowed per window.',
    schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 1_000_000_000, examples: [600] }
  },
  'X-RateLimit-Remaining': {
    description: 'Requests left in the current window.',
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 1_000_000_000, examples: [599] }
  },
  'X-RateLimit-Reset': {
    description: 'Seconds until the window starts again.',
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86_400, examples: [60] }
  }
}

export const RETRY_AFTER_HEADER: Json = {
  description: 'Seconds to wait before trying again.',
  schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86_400, examples: [30] }
}

/** `GET /v1/prompts/:id` -> `get /v1/prompts/{id}`: how an operation is named in the document. */
export function operationKey (method: string, url: string): string {
  return `${method.toLowerCase()} ${url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`
}

function withHeaders (response: Json, headers: Json): Json {
  if (typeof response.$ref === 'string') return response
  return { ...response, headers: { ...headers, ...(response.headers as Json | undefined) } }
}

/**
 * Completes each operation of a built document. `unlimited` holds the operationKeys of routes the rate
 * limiter skips: they send no rate-limit headers and never answer 429.
 */
export function completeDocument (document: Json, unlimited: ReadonlySet<string>): Json {
  const limitHeaders = Object.fromEntries(Object.keys(RATE_LIMIT_HEADERS).map((name) => [name, headerRef(name)]))
  const components = (document.components ?? {}) as Json
  document.components = {
    ...components,
    headers: { ...(components.headers as Json | undefined), ...RATE_LIMIT_HEADERS, 'Retry-After': RETRY_AFTER_HEADER }
  }
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as Json | undefined
      if (!operation) continue
      const limited = !unlimited.has(`${method} ${path}`)
      const responses = { ...(operation.responses as Json | undefined) }
      responses['400'] ??= { description: 'The request is malformed (an unknown query parameter, for one): the detail and errors say what to fix.', content: PROBLEM }
      if (operation.requestBody) {
        // The body parser's answers (plugins/body-parsers.ts), whatever the route.
        responses['413'] ??= { description: 'The request body is too large.', content: PROBLEM }
        responses['415'] ??= { description: 'The Content-Type is not accepted here.', content: PROBLEM }
      }
      responses['500'] ??= { description: 'An unexpected server error; details are logged, not shown.', content: PROBLEM }
      if (limited) {
        responses['429'] = withHeaders((responses['429'] as Json | undefined) ?? { description: 'Too many requests: wait for Retry-After seconds.', content: PROBLEM }, { 'Retry-After': headerRef('Retry-After') })
        for (const status of Object.keys(responses)) responses[status] = withHeaders(responses[status] as Json, limitHeaders)
      } else {
        delete responses['429']
      }
      // After the rate-limit headers: a shed request is refused before the limiter counts it.
      if (!NEVER_SHED.has(path)) {
        responses['503'] = withHeaders((responses['503'] as Json | undefined) ?? { description: 'The service is overloaded (or, for /readyz, not ready): retry after Retry-After seconds.', content: PROBLEM }, { 'Retry-After': headerRef('Retry-After') })
      }
      operation.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)))
    }
  }
  return document
}
