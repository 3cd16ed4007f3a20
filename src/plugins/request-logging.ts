// One JSON log line per request, written when the response is done.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { URL_KEY_PARAMETERS } from './auth.js'

// A key sent in the query string is refused, and must not reach the log either.
const KEY_IN_QUERY = new RegExp(`([?&](?:${URL_KEY_PARAMETERS.join('|')})=)[^&]*`, 'gi')

export function loggedUrl (url: string): string {
  const safe = url.includes('?') ? url.replace(KEY_IN_QUERY, '$1[redacted]') : url
  return safe.length > 300 ? safe.slice(0, 300) + '…' : safe
}

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/

/** The client's X-Request-Id when it is a short plain token (it goes into every log line), else a new one. */
export function requestId (request: IncomingMessage): string {
  const sent = request.headers['x-request-id']
  return typeof sent === 'string' && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID()
}

async function requestLogging (app: FastifyInstance): Promise<void> {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({
      method: request.method,
      route: request.routeOptions.url ?? null,
      url: loggedUrl(request.url),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100
    }, 'request')
  })
}

export default fp(requestLogging, { name: 'request-logging' })
