// GET /metrics: Prometheus text from prom-client. Request durations by route pattern, method and status (never by
// URL or prompt id, so the series stay few), renders, read-cache hits and misses, rate-limit refusals, and webhook
// delivery attempts by outcome. Readable by an admin key or `Authorization: Bearer <METRICS_TOKEN>`;
// never rate limited, so a scraper is not refused while the API is busy.
import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { collectDefaultMetrics, Counter, Registry } from 'prom-client'
import type { Config } from '../config.js'
import { DomainError } from '../domain/errors.js'
import { RequestDurationHistogram } from '../services/request-duration-histogram.js'
import { holdsScope, presentedKey, sha256, UnauthorizedError } from './auth.js'

export interface Metrics {
  registry: Registry
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics
  }
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

async function metricsPlugin (app: FastifyInstance, { config }: { config: Config }): Promise<void> {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const { renderCounter, webhookDeliverer } = app

  const durations = new RequestDurationHistogram(
    'http_request_duration_seconds',
    'Time from receiving a request to sending its response, by route pattern, method and status.',
    ['route', 'method', 'status_code'],
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
  )
  registry.registerMetric(durations as unknown as Parameters<Registry['registerMetric']>[0])
  const refusals = new Counter({
    name: 'promptshelf_rate_limit_refusals_total',
    help: 'Requests refused with 429 by the rate limiter, by who was limited (key or ip).',
    labelNames: ['caller'] as const,
    registers: [registry]
  })
  // Totals kept where the work happens, read when scraped.
  new Counter({
    name: 'promptshelf_renders_total',
    help: 'Prompts rendered (single and batch renders), since start.',
    registers: [registry],
    collect () {
      this.reset()
      this.inc(renderCounter.recorded)
    }
  })
  new Counter({
    name: 'promptshelf_read_cache_lookups_total',
    help: 'Read-cache lookups by result (hit or miss), since start.',
    labelNames: ['result'] as const,
    registers: [registry],
    collect () {
      this.reset()
      this.inc({ result: 'hit' }, app.reader.cacheLookups.hits)
      this.inc({ result: 'miss' }, app.reader.cacheLookups.misses)
    }
  })
  new Counter({
    name: 'promptshelf_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome since start: delivered (2xx), retried (failed, tried again later), failed (given up).',
    labelNames: ['outcome'] as const,
    registers: [registry],
    collect () {
      this.reset()
      const { delivered, retrying, failed } = webhookDeliverer.outcomes
      this.inc({ outcome: 'delivered' }, delivered)
      this.inc({ outcome: 'retried' }, retrying)
      this.inc({ outcome: 'failed' }, failed)
    }
  })
  app.decorate('metrics', { registry })

  // A callback hook: it runs on every request, and a promise per request is a measurable cost.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? '(unmatched)'
    if (route !== '/metrics') {
      const status = reply.statusCode
      durations.observe([route, METHODS.has(request.method) ? request.method : 'OTHER', String(status)], reply.elapsedTime / 1000)
      if (status === 429) refusals.inc({ caller: request.principal?.keyId ? 'key' : 'ip' })
    }
    done()
  })

  const token = config.metricsToken === undefined ? undefined : sha256(config.metricsToken)
  const authorize = async (request: FastifyRequest): Promise<void> => {
    const presented = presentedKey(request)
    if (token !== undefined && presented && request.headers.authorization !== undefined && timingSafeEqual(sha256(presented), token)) return
    if (request.authFailure) throw new UnauthorizedError(request.authFailure)
    if (holdsScope(request.principal, 'admin')) return
    if (request.principal.kind === 'anonymous') throw new UnauthorizedError('/metrics needs an admin key or "Authorization: Bearer <METRICS_TOKEN>"')
    throw new DomainError(403, 'Forbidden', `the API key "${request.principal.name}" lacks the scope admin`)
  }

  app.get('/metrics', { schema: { hide: true }, config: { rateLimit: false }, preHandler: authorize }, async (_request, reply) => {
    const text = await registry.metrics()
    return reply.type(registry.contentType).header('cache-control', 'no-store').send(text)
  })
}

export default fp(metricsPlugin, { name: 'metrics', dependencies: ['auth', 'library', 'rendering', 'reading', 'webhooks'] })
