// One JSON log line per request, written when the response is done.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

async function requestLogging (app: FastifyInstance): Promise<void> {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({
      method: request.method,
      route: request.routeOptions.url ?? null,
      url: request.url.length > 300 ? request.url.slice(0, 300) + '…' : request.url,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100
    }, 'request')
  })
}

export default fp(requestLogging, { name: 'request-logging' })
