// Request budgets through @fastify/rate-limit: anonymous clients per IP address.
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { DomainError } from '../domain/errors.js'

export interface RateLimitOptions {
  config: Config
}

async function rateLimitPlugin (app: FastifyInstance, { config }: RateLimitOptions): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimit.anonymousMax,
    timeWindow: config.rateLimit.windowSeconds * 1000,
    keyGenerator: (request) => `ip:${request.ip}`,
    errorResponseBuilder: (_request, context) => new DomainError(429, 'Too Many Requests',
      `rate limit of ${context.max} requests per ${context.after} exceeded; retry after ${Math.ceil(context.ttl / 1000)} s`)
  })
}

export default fp(rateLimitPlugin, { name: 'rate-limit' })
