// OpenAPI 3.1 at /openapi.json and Swagger UI at /docs.
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { SECURITY_SCHEMES } from './auth.js'
import { registerHtmlSecurityHeaders } from './html-security-headers.js'
import { completeDocument, operationKey } from './openapi-conventions.js'

const AUTH_AND_LIMITS = '\n\n**Keys.** Send a key as `Authorization: Bearer <key>` or `X-API-Key: <key>`, never in the URL (a key in the query string is refused). ' +
  'Scopes: `prompts:read`, `prompts:write`, `admin` (holds every scope). Without a key you may read and render. ' +
  'A missing key on a route that needs one is a 401, a key without the scope a 403, an unknown or revoked key a 401 (never treated as anonymous).' +
  '\n\n**Limits.** Each key has its own budget (default 600 requests a minute, set per key); callers without a key share a budget per IP address (default 60 a minute). ' +
  'Responses carry `RateLimit-Policy` and `RateLimit` (IETF structured fields, e.g. `"key";q=600;w=60` and `"key";r=599;t=60`) and `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (seconds). ' +
  'Over the budget: 429 problem with `Retry-After` (seconds). /healthz, /readyz, /docs and /openapi.json are not limited. ' +
  'With several instances the budgets are shared through Redis. If Redis cannot be reached the service keeps answering and each instance ' +
  'enforces the same budgets in its own memory until Redis is back (fail-open to per-instance limits; logged as a warning).'

async function openapi (app: FastifyInstance): Promise<void> {
  // Routes the rate limiter skips (config.rateLimit false): their operations declare no rate-limit headers or 429.
  const unlimited = new Set<string>()
  app.addHook('onRoute', (route) => {
    if (route.config?.rateLimit !== false) return
    for (const method of [route.method].flat()) unlimited.add(operationKey(method, route.url))
  })
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      // Relative: the document describes the service that serves it, wherever that is.
      servers: [{ url: '/', description: 'The promptshelf service serving this document (production, staging or local alike)', 'x-internal': false } as { url: string }],
      info: {
        title: 'promptshelf',
        version: '1.0.0',
        contact: { name: 'promptshelf maintainers' },
        license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
        description: 'A library of LLM prompt templates: find a prompt, fill its placeholders, keep your own with a full version history. ' +
          'Every /v1 path also answers without the prefix. Errors are application/problem+json (RFC 9457).' + AUTH_AND_LIMITS
      },
      components: { securitySchemes: SECURITY_SCHEMES as never },
      tags: [
        { name: 'prompts', description: 'Read, search and write prompts' },
        { name: 'versions', description: 'A prompt\'s immutable history and diffs' },
        { name: 'labels', description: 'Labels: releases with history, rollback, protected labels and traffic splits' },
        { name: 'render', description: 'Fill a prompt\'s placeholders' },
        { name: 'categories', description: 'The category tree and tags' },
        { name: 'library', description: 'Export and import the whole library' },
        { name: 'keys', description: 'API keys and their scopes and budgets (admin)' },
        { name: 'webhooks', description: 'Signed event deliveries to your endpoints (admin)' },
        { name: 'health', description: 'Liveness and readiness' }
      ]
    },
    transformObject: (document) => completeDocument((document as { openapiObject: Record<string, unknown> }).openapiObject, unlimited) as never,
    refResolver: {
      // Shared schemas appear under components.schemas by their $id (Prompt, Problem).
      buildLocalReference: (json, _baseUri, _fragment, index) => typeof json.$id === 'string' ? json.$id : `def-${index}`
    }
  })
  // Its own scope, so that the HTML security headers apply to the /docs routes alone.
  await app.register(async (docs) => {
    await registerHtmlSecurityHeaders(docs)
    await docs.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true, persistAuthorization: true, validatorUrl: null } })
  })

  // Routes do not change after start: build the document once, at start, not in the first request's time.
  let document: string | undefined
  app.addHook('onReady', async () => { document = JSON.stringify(app.swagger()) })
  app.get('/openapi.json', { schema: { hide: true }, config: { rateLimit: false } }, async (_request, reply) => {
    document ??= JSON.stringify(app.swagger())
    return reply.type('application/json').send(document)
  })
}

export default fp(openapi, { name: 'openapi' })
