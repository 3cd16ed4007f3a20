// buildApp(config): opens the store, then registers ecosystem plugins, promptshelf's plugins, and routes.
import { hostname } from 'node:os'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify'
import pino from 'pino'
import type { Config } from './config.js'
import { openStore } from './db/open.js'
import auth from './plugins/auth.js'
import bodyParsers from './plugins/body-parsers.js'
import cors from './plugins/cors.js'
import keysPlugin from './plugins/keys.js'
import labelsPlugin from './plugins/labels.js'
import libraryPlugin from './plugins/library.js'
import metrics from './plugins/metrics.js'
import notFound from './plugins/not-found.js'
import notModified from './plugins/not-modified.js'
import openapi from './plugins/openapi.js'
import overload from './plugins/overload.js'
import problemErrors, { clientErrorProblem, frameworkErrorProblem } from './plugins/problem-errors.js'
import rateLimit from './plugins/rate-limit.js'
import reading from './plugins/reading.js'
import rendering from './plugins/rendering.js'
import promptSearch from './plugins/search.js'
import sharedSchemas from './plugins/shared-schemas.js'
import webApp from './plugins/web-app.js'
import requestLogging, { requestId } from './plugins/request-logging.js'
import webhooksPlugin from './plugins/webhooks.js'
import { lazyChildLogger } from './plugins/lazy-request-logger.js'
import { batchedStdout } from './log-destination.js'
import { logRedaction } from './log-redaction.js'
import healthRoutes from './routes/health.js'
import exportRoutes from './routes/v1/export.js'
import importRoutes from './routes/v1/import.js'
import categoryRoutes from './routes/v1/categories.js'
import keyRoutes from './routes/v1/keys.js'
import labelRoutes from './routes/v1/labels.js'
import promptReadRoutes from './routes/v1/prompts-read.js'
import promptVersionRoutes from './routes/v1/prompt-versions.js'
import promptWriteRoutes from './routes/v1/prompts-write.js'
import { buildValidator, refuseUnknownQuery } from './validation.js'
import renderRoutes from './routes/v1/render.js'
import webhookRoutes from './routes/v1/webhooks.js'
import mcpRoutes from './mcp/mcp-routes.js'
import serviceIndexRoutes from './routes/service-index.js'
import { seedIfEmpty } from './services/seed-from-file.js'

export const BODY_LIMIT_BYTES = 1024 * 1024

/** Unversioned paths are aliases of the newest API version: /prompts answers as /v1/prompts. */
const UNVERSIONED = /^\/(prompts|categories|tags|render|keys|export|import|webhooks)(?=[/?]|$)/

export async function buildApp (config: Config): Promise<FastifyInstance> {
  const store = openStore(config.databasePath)
  const logDestination = batchedStdout()
  const logBase = { pid: process.pid, hostname: hostname() }
  const logger = pino({ level: config.logLevel, base: logBase, ...logRedaction }, logDestination)
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // request-logging writes one line per request instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: lazyChildLogger,
    requestIdHeader: false,
    genReqId: requestId,
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    // Long ids reach the route and get a 400 from its schema, not a 414 from the router.
    routerOptions: { maxParamLength: 1000 },
    rewriteUrl: (request) => {
      const url = request.url ?? '/'
      return UNVERSIONED.test(url) ? '/v1' + url : url
    },
    schemaController: { compilersFactory: { buildValidator } },
    frameworkErrors: frameworkErrorProblem,
    clientErrorHandler: clientErrorProblem
  })
  try {
    await app.register(libraryPlugin, { store })
    // After the library: its onClose hook (the last flush of render counts) runs before the database closes.
    await app.register(rendering)
    await app.register(webhooksPlugin, { config })
    await app.register(labelsPlugin, { config })
    if (config.seedOnStart) {
      const report = seedIfEmpty(app.library)
      if (report) app.log.info(report, 'seeded the empty store from seed/PROMPTS.md')
    }
    await app.register(promptSearch)
    await app.register(reading)
    await app.register(sharedSchemas)
    await app.register(bodyParsers)
    await app.register(problemErrors)
    await app.register(notModified)
    // First of the request hooks: a shed request costs no key lookup or rate-limit count.
    await app.register(overload, { config })
    await app.register(keysPlugin, { config })
    await app.register(auth, { config, resolvers: [app.keys.resolve] })
    await app.register(requestLogging, { logger, destination: logDestination, base: logBase })
    await app.register(metrics, { config })
    // Before the rate limiter: a preflight is not counted against anyone's budget.
    await app.register(cors, { config })
    // Documentation first: the rate limiter applies to the routes registered after it.
    await app.register(openapi)
    await app.register(webApp, { dir: config.webAppDir })
    await app.register(rateLimit, { config })
    await app.register(notFound)

    app.addHook('onRoute', refuseUnknownQuery)
    await app.register(healthRoutes)
    await app.register(serviceIndexRoutes)
    await app.register(promptReadRoutes, { prefix: '/v1' })
    await app.register(categoryRoutes, { prefix: '/v1' })
    await app.register(promptWriteRoutes, { prefix: '/v1' })
    await app.register(promptVersionRoutes, { prefix: '/v1' })
    await app.register(labelRoutes, { prefix: '/v1' })
    await app.register(exportRoutes, { prefix: '/v1' })
    await app.register(importRoutes, { prefix: '/v1' })
    await app.register(renderRoutes, { prefix: '/v1' })
    await app.register(keyRoutes, { prefix: '/v1' })
    await app.register(webhookRoutes, { prefix: '/v1' })
    await app.register(mcpRoutes, { allowedOrigins: config.mcpAllowedOrigins })
    return app
  } catch (error) {
    await app.close()
    throw error
  }
}
