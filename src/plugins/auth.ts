// Authentication and authorization in one place: who is calling (request.principal) and what they may do.
// A key arrives as `Authorization: Bearer <key>` or `X-API-Key: <key>`. Without one the caller is anonymous.
// A key that is sent but not recognised is a 401, never anonymous; the 401 is raised after the rate limiter
// has counted the request against the caller's address, so guessing keys runs into the per-IP limit.
// A key in the URL is refused: query strings end up in logs, proxies and browser history.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { DomainError } from '../domain/errors.js'
import { ANONYMOUS, holdsScope, SCOPES, type Principal, type Scope } from '../domain/principal.js'

export { SCOPES, type Scope, type Principal, ANONYMOUS, holdsScope }

/** What requireScope makes: a hook that throws 401 or 403 unless the caller holds the scope. */
export type ScopeCheck = (request: FastifyRequest) => Promise<void>

/** Finds the principal of a presented secret, or undefined when no live key has it. */
export type KeyResolver = (secret: string) => Principal | undefined

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal
    /** Why a presented key was refused; turned into a 401 before the handler runs. */
    authFailure: string | null
  }
  interface FastifyInstance {
    /**
     * A hook that lets through only callers holding `scope` (admin holds every scope). Routes use it as
     * `preParsing`: after the rate limiter has counted the request, before the body is read.
     */
    requireScope: (scope: Scope) => ScopeCheck
  }
}

const MAX_KEY_LENGTH = 200
const KEY_SHAPE = /^[\x21-\x7e]+$/
/** Query parameters that clients commonly use for keys; any of them refuses the request. */
export const URL_KEY_PARAMETERS = ['api_key', 'apikey', 'api-key', 'key', 'access_token', 'token', 'x-api-key']
/** Marks the preHandlers made by requireScope, so that the OpenAPI document can name each route's scope. */
const REQUIRED_SCOPE = Symbol('promptshelf.requiredScope')

/** The OpenAPI security schemes a key can be sent with (declared in the OpenAPI plugin). */
export const SECURITY_SCHEMES = {
  bearerAuth: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <key>' },
  apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'X-API-Key: <key>' }
} as const

export function sha256 (text: string): Buffer {
  return createHash('sha256').update(text).digest()
}

export class UnauthorizedError extends DomainError {
  constructor (detail: string) {
    super(401, 'Unauthorized', detail)
  }
}

/** The ADMIN_API_KEY from the environment, compared in constant time. */
export function adminKeyResolver (adminApiKey: string | undefined): KeyResolver {
  if (adminApiKey === undefined) return () => undefined
  const expected = sha256(adminApiKey)
  const admin: Principal = Object.freeze({ kind: 'key', keyId: 'admin-env', name: 'admin (ADMIN_API_KEY)', scopes: Object.freeze(['admin'] as Scope[]) })
  // The secret, once verified, is remembered: hashing it again on every request would cost more than the rest of
  // authentication. A Map compares a different string's content only when their (seeded) hashes collide.
  const verified = new Map<string, Principal>()
  return (secret) => {
    if (verified.get(secret)) return admin
    if (!timingSafeEqual(sha256(secret), expected)) return undefined
    verified.set(secret, admin)
    return admin
  }
}

/** The secret a request presents, '' for a malformed header, or undefined when it presents none. */
export function presentedKey (request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization
  const apiKey = request.headers['x-api-key']
  if (authorization !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization)
    return match ? match[1]! : ''
  }
  if (apiKey !== undefined) return Array.isArray(apiKey) ? '' : apiKey.trim()
  return undefined
}

async function auth (app: FastifyInstance, { config, resolvers = [] }: { config: Config, resolvers?: KeyResolver[] }): Promise<void> {
  const chain = [adminKeyResolver(config.adminApiKey), ...resolvers]
  // Fastify forbids object defaults on request decorators; every request gets ANONYMOUS first thing.
  app.decorateRequest('principal', null as unknown as Principal)
  app.decorateRequest('authFailure', null)

  // Callback hooks, not async ones: they run on every request, and a promise per hook is a measurable cost.
  app.addHook('onRequest', (request, _reply, done) => {
    request.principal = ANONYMOUS
    // Routes registered before this plugin (Swagger UI) build requests without this plugin's decorators.
    request.authFailure = identify(request)
    done()
  })

  /** Sets request.principal from the presented key; answers why a presented key is refused, or null. */
  function identify (request: FastifyRequest): string | null {
    if (request.url.includes('?') && keyInUrl(request.query)) {
      return 'API keys are never accepted in the URL: send "Authorization: Bearer <key>" or "X-API-Key: <key>", and revoke a key that was sent in a URL'
    }
    const secret = presentedKey(request)
    if (secret === undefined) return null
    if (secret === '' || secret.length > MAX_KEY_LENGTH || !KEY_SHAPE.test(secret)) {
      return 'malformed credentials: send "Authorization: Bearer <key>" or "X-API-Key: <key>"'
    }
    for (const resolve of chain) {
      const principal = resolve(secret)
      if (principal) {
        request.principal = principal
        return null
      }
    }
    return 'the API key is unknown or revoked'
  }

  // After onRequest (where the rate limiter counts the caller), before any handler. /healthz, /readyz, /docs and
  // /openapi.json are public and ignore credentials. Unknown paths answer 404 whatever the key: their limiter runs
  // later (in the 404 handler's preHandler), and a 401 here would let key guesses skip the per-IP count.
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.authFailure && request.routeOptions.url?.startsWith('/v1')) done(new UnauthorizedError(request.authFailure))
    else done()
  })

  app.decorate('requireScope', (scope: Scope): ScopeCheck => {
    const check: ScopeCheck = async (request) => {
      const { principal } = request
      if (request.authFailure) throw new UnauthorizedError(request.authFailure)
      if (holdsScope(principal, scope)) return
      if (principal.kind === 'anonymous') throw new UnauthorizedError(`this route needs an API key with the scope ${scope}`)
      throw new DomainError(403, 'Forbidden', `the API key "${principal.name}" lacks the scope ${scope}`)
    }
    return Object.assign(check, { [REQUIRED_SCOPE]: scope })
  })

  app.addHook('onRoute', documentSecurity)
}

const KEY_PARAMETER_NAMES = new Set(URL_KEY_PARAMETERS)

/** Whether a decoded query parameter name is one a key could hide in: any case, with or without [] (api_key[]). */
export function isKeyParameter (name: string): boolean {
  return KEY_PARAMETER_NAMES.has(name.toLowerCase().replace(/\[[^\]]*\]$/, ''))
}

function keyInUrl (query: unknown): boolean {
  if (typeof query !== 'object' || query === null) return false
  return Object.keys(query).some(isKeyParameter)
}

/** The scope a route's preHandlers demand, if any. */
function requiredScope (route: RouteOptions): Scope | undefined {
  const handlers = [route.preParsing, route.preValidation, route.preHandler].flatMap((hook) => Array.isArray(hook) ? hook : [hook])
  for (const handler of handlers) {
    const scope = (handler as { [REQUIRED_SCOPE]?: Scope } | undefined)?.[REQUIRED_SCOPE]
    if (scope) return scope
  }
  return undefined
}

/** Writes into each documented route the security it accepts, the scope it needs, and its 401/403 answers. */
function documentSecurity (route: RouteOptions): void {
  const schema = route.schema as Record<string, unknown> | undefined
  if (!schema || schema.hide === true || route.config?.rateLimit === false) return
  const scope = requiredScope(route)
  const roles = scope ? [scope] : []
  const keyed: Array<Record<string, string[]>> = [{ bearerAuth: roles }, { apiKeyHeader: roles }]
  const line = scope
    ? `Scope: \`${scope}\` (an \`admin\` key holds every scope). Send the key as \`Authorization: Bearer <key>\` or \`X-API-Key\`.`
    : 'Scope: none; an API key is optional. With a key the request counts against that key\'s budget, without one against the caller\'s IP address.'
  const response = (schema.response ?? {}) as Record<string, unknown>
  const problem = (description: string): unknown => ({ description, content: { 'application/problem+json': { schema: { $ref: 'Problem' } } } })
  route.schema = {
    ...schema,
    security: scope ? keyed : [{}, ...keyed],
    description: schema.description ? `${String(schema.description)}\n\n${line}` : line,
    response: {
      ...response,
      401: response[401] ?? problem(scope ? 'No valid API key was sent.' : 'An API key was sent but it is unknown, revoked or malformed.'),
      ...(scope ? { 403: response[403] ?? problem(`The API key lacks the scope ${scope}.`) } : {})
    }
  }
}

export default fp(auth, { name: 'auth' })
