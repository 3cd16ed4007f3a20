// Request budgets: each API key its own (the key's rateLimit, else RATE_LIMIT_KEY_MAX per RATE_LIMIT_WINDOW_SECONDS),
// callers without a key one per IP address (RATE_LIMIT_ANON_MAX). The auth plugin's onRequest hook runs first, so
// the principal is known here; a refused key is still anonymous at this point and is counted against its IP address
// before the 401. Counts live in @fastify/rate-limit's stores: in memory, or in Redis with REDIS_URL (see
// rate-limit-store.ts). The hook that counts is a callback of promptshelf's own: the plugin's hook awaits four
// promises per request, which cost a fifth of a cached read's CPU.
import { normalizeIP } from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { DomainError } from '../domain/errors.js'
import { memoryLimiterStore, redisLimiterStore } from './rate-limit-store.js'

export interface RateLimitOptions {
  config: Config
}

interface Budget {
  max: number
  windowSeconds: number
}

/** Counts a request and sets its rate-limit headers; a request over its budget ends in a 429 problem. */
export type LimitHook = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void

declare module 'fastify' {
  interface FastifyInstance {
    /** True while the limiter counts in Redis, shared by every instance. */
    rateLimitShared: () => boolean
    /** The limiter as a hook, for handlers that are not routes (the 404 handler). */
    limitRequest: LimitHook
  }
}

async function rateLimitPlugin (app: FastifyInstance, { config }: RateLimitOptions): Promise<void> {
  const anonymous: Budget = { max: config.rateLimit.anonymousMax, windowSeconds: config.rateLimit.windowSeconds }
  const keyDefault: Budget = { max: config.rateLimit.keyMax, windowSeconds: config.rateLimit.windowSeconds }

  const store = config.redisUrl ? await redisLimiterStore(config.redisUrl, app.log) : memoryLimiterStore()
  app.decorate('rateLimitShared', store.shared)
  app.addHook('onClose', store.close)
  const { counter } = store

  const limitRequest: LimitHook = (request, reply, done) => {
    const { principal } = request
    const byKey = principal.keyId !== null
    const budget = principal.rateLimit ?? (byKey ? keyDefault : anonymous)
    // The budget is part of a key's bucket name: a changed budget starts a fresh count, also in Redis, where a
    // bucket's expiry is set only when its window starts.
    const bucket = byKey ? `key:${principal.keyId}:${budget.max}/${budget.windowSeconds}` : `ip:${normalizeIP(request.ip)}`
    counter.incr(bucket, (error, counted) => {
      if (error || counted === undefined) {
        done(error ?? new Error('the rate-limit store answered nothing'))
        return
      }
      const resetSeconds = Math.ceil(counted.ttl / 1000)
      const remaining = Math.max(0, budget.max - counted.current)
      const policy = byKey ? '"key"' : '"ip"'
      // X-RateLimit-* as @fastify/rate-limit names them, and the IETF RateLimit-Policy and RateLimit fields.
      reply.headers({
        'x-ratelimit-limit': String(budget.max),
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-reset': String(resetSeconds),
        'ratelimit-policy': `${policy};q=${budget.max};w=${budget.windowSeconds}`,
        ratelimit: `${policy};r=${remaining};t=${resetSeconds}`
      })
      if (counted.current <= budget.max) {
        done()
        return
      }
      reply.header('retry-after', String(resetSeconds))
      done(new DomainError(429, 'Too Many Requests',
        `rate limit of ${budget.max} requests per ${budget.windowSeconds} s exceeded; retry after ${resetSeconds} s`))
    }, budget.windowSeconds * 1000, budget.max)
  }
  app.decorate('limitRequest', limitRequest)

  // Every route registered after this plugin is limited, unless its config says rateLimit: false.
  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.config?.rateLimit === false) return
    const hooks = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]
    route.onRequest = [...hooks, limitRequest]
  })
}

export default fp(rateLimitPlugin, { name: 'rate-limit', dependencies: ['auth'] })
