// Request budgets through @fastify/rate-limit: each API key its own (the key's rateLimit, else RATE_LIMIT_KEY_MAX per
// RATE_LIMIT_WINDOW_SECONDS), callers without a key one per IP address (RATE_LIMIT_ANON_MAX). The auth plugin's
// onRequest hook runs first, so the principal is known here; a refused key is still anonymous at this point and is
// counted against its IP address before the 401. Counts live in Redis with REDIS_URL (see rate-limit-store.ts).
import rateLimit, { normalizeIP } from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
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

declare module 'fastify' {
  interface FastifyInstance {
    /** True while the limiter counts in Redis, shared by every instance. */
    rateLimitShared: () => boolean
  }
}

async function rateLimitPlugin (app: FastifyInstance, { config }: RateLimitOptions): Promise<void> {
  const anonymous: Budget = { max: config.rateLimit.anonymousMax, windowSeconds: config.rateLimit.windowSeconds }
  const keyDefault: Budget = { max: config.rateLimit.keyMax, windowSeconds: config.rateLimit.windowSeconds }
  const budgetOf = (request: FastifyRequest): Budget =>
    request.principal.rateLimit ?? (request.principal.keyId === null ? anonymous : keyDefault)

  const store = config.redisUrl ? await redisLimiterStore(config.redisUrl, app.log) : memoryLimiterStore()
  app.decorate('rateLimitShared', store.shared)
  app.addHook('onClose', store.close)

  await app.register(rateLimit, {
    global: true,
    store: store.Store,
    max: (request) => budgetOf(request).max,
    timeWindow: (request) => budgetOf(request).windowSeconds * 1000,
    // The budget is part of a key's bucket name: a changed budget starts a fresh count, also in Redis, where a
    // bucket's expiry is set only when its window starts.
    keyGenerator: (request) => {
      if (request.principal.keyId === null) return `ip:${normalizeIP(request.ip)}`
      const budget = budgetOf(request)
      return `key:${request.principal.keyId}:${budget.max}/${budget.windowSeconds}`
    },
    errorResponseBuilder: (_request, context) => new DomainError(429, 'Too Many Requests',
      `rate limit of ${context.max} requests per ${context.after} exceeded; retry after ${Math.ceil(context.ttl / 1000)} s`)
  })

  // The IETF RateLimit-Policy and RateLimit structured fields, from the counts the limiter just wrote.
  app.addHook('onSend', (request, reply, payload, done) => {
    const limit = reply.getHeader('x-ratelimit-limit')
    if (limit !== undefined) {
      const policy = request.principal.keyId === null ? '"ip"' : '"key"'
      reply.header('ratelimit-policy', `${policy};q=${String(limit)};w=${budgetOf(request).windowSeconds}`)
      reply.header('ratelimit', `${policy};r=${String(reply.getHeader('x-ratelimit-remaining'))};t=${String(reply.getHeader('x-ratelimit-reset'))}`)
    }
    done(null, payload)
  })
}

export default fp(rateLimitPlugin, { name: 'rate-limit', dependencies: ['auth'] })
