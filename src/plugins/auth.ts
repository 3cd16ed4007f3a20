// Authentication and authorization in one place: who is calling (request.principal) and what they may do.
// A key arrives as `Authorization: Bearer <key>` or `X-API-Key: <key>`. Without one the caller is anonymous.
// A key that is sent but not recognised is a 401, never anonymous; the 401 is raised after the rate limiter
// has counted the request against the caller's address, so guessing keys runs into the per-IP limit.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { DomainError } from '../domain/errors.js'

export const SCOPES = ['prompts:read', 'prompts:write', 'admin'] as const
export type Scope = typeof SCOPES[number]

export interface Principal {
  kind: 'anonymous' | 'key'
  /** Stable id of the key (rate-limit bucket, idempotency scope); null when anonymous. */
  keyId: string | null
  /** Shown in version history as the author. */
  name: string
  scopes: readonly Scope[]
}

/** Finds the principal of a presented secret, or undefined when no live key has it. */
export type KeyResolver = (secret: string) => Principal | undefined

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal
    /** Why a presented key was refused; turned into a 401 before the handler runs. */
    authFailure: string | null
  }
  interface FastifyContextConfig {
    /** Health probes answer whatever credentials a request carries. */
    ignoresCredentials?: boolean
  }
  interface FastifyInstance {
    /** A preHandler that lets through only callers holding `scope` (admin holds every scope). */
    requireScope: (scope: Scope) => preHandlerAsyncHookHandler
  }
}

export const ANONYMOUS: Principal = Object.freeze({ kind: 'anonymous', keyId: null, name: 'anonymous', scopes: Object.freeze(['prompts:read'] as Scope[]) })
const MAX_KEY_LENGTH = 200
const KEY_SHAPE = /^[\x21-\x7e]+$/

export class UnauthorizedError extends DomainError {
  constructor (detail: string) {
    super(401, 'Unauthorized', detail)
  }
}

export function sha256 (text: string): Buffer {
  return createHash('sha256').update(text).digest()
}

/** The ADMIN_API_KEY from the environment, compared in constant time. */
export function adminKeyResolver (adminApiKey: string | undefined): KeyResolver {
  if (adminApiKey === undefined) return () => undefined
  const expected = sha256(adminApiKey)
  const admin: Principal = Object.freeze({ kind: 'key', keyId: 'admin-env', name: 'admin (ADMIN_API_KEY)', scopes: Object.freeze(['admin'] as Scope[]) })
  return (secret) => timingSafeEqual(sha256(secret), expected) ? admin : undefined
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

export function holdsScope (principal: Principal, scope: Scope): boolean {
  if (principal.scopes.includes('admin')) return true
  if (scope === 'prompts:read') return principal.scopes.includes('prompts:read') || principal.scopes.includes('prompts:write')
  return principal.scopes.includes(scope)
}

async function auth (app: FastifyInstance, { config, resolvers = [] }: { config: Config, resolvers?: KeyResolver[] }): Promise<void> {
  const chain = [adminKeyResolver(config.adminApiKey), ...resolvers]
  // Fastify forbids object defaults on request decorators; every request gets ANONYMOUS first thing.
  app.decorateRequest('principal', null as unknown as Principal)
  app.decorateRequest('authFailure', null)

  app.addHook('onRequest', async (request) => {
    request.principal = ANONYMOUS
    const secret = presentedKey(request)
    if (secret === undefined) return
    if (secret === '' || secret.length > MAX_KEY_LENGTH || !KEY_SHAPE.test(secret)) {
      request.authFailure = 'malformed credentials: send "Authorization: Bearer <key>" or "X-API-Key: <key>"'
      return
    }
    for (const resolve of chain) {
      const principal = resolve(secret)
      if (principal) {
        request.principal = principal
        return
      }
    }
    request.authFailure = 'the API key is unknown or revoked'
  })

  // After onRequest (where the rate limiter counts the caller), before any handler.
  app.addHook('preValidation', async (request) => {
    if (request.authFailure && request.routeOptions.config.ignoresCredentials !== true) throw new UnauthorizedError(request.authFailure)
  })

  app.decorate('requireScope', (scope: Scope): preHandlerAsyncHookHandler => async (request) => {
    const { principal } = request
    if (holdsScope(principal, scope)) return
    if (principal.kind === 'anonymous') throw new UnauthorizedError(`this route needs an API key with the scope ${scope}`)
    throw new DomainError(403, 'Forbidden', `the API key "${principal.name}" lacks the scope ${scope}`)
  })
}

export default fp(auth, { name: 'auth' })
