// One JSON log line per request, written when the response is done.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { isKeyParameter } from './auth.js'

function decodedName (part: string): string {
  const raw = part.split('=', 1)[0]!.replace(/\+/g, ' ')
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/** The URL as logged: a key sent in the query string (refused anyway) never reaches the log, however it is spelled. */
export function loggedUrl (url: string): string {
  const question = url.indexOf('?')
  // Every key parameter's name holds "key" or "token"; without those, "%" or "+", the query is logged as sent.
  if (question !== -1 && !/key|token|%|\+/i.test(url.slice(question))) return url.length > 300 ? url.slice(0, 300) + '…' : url
  let safe = url
  if (question !== -1) {
    const parts = url.slice(question + 1).split('&')
    safe = url.slice(0, question + 1) + parts.map((part) => isKeyParameter(decodedName(part)) ? `${part.split('=', 1)[0]}=[redacted]` : part).join('&')
  }
  return safe.length > 300 ? safe.slice(0, 300) + '…' : safe
}

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/

/** The client's X-Request-Id when it is a short plain token (it goes into every log line), else a new one. */
export function requestId (request: IncomingMessage): string {
  const sent = request.headers['x-request-id']
  return typeof sent === 'string' && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID()
}

async function requestLogging (app: FastifyInstance): Promise<void> {
  // A callback hook: it runs on every request, and a promise per request is a measurable cost.
  // Through the app's logger, with the request id: request.log is made only when something else logs (see
  // lazy-request-logger.ts).
  app.addHook('onResponse', (request, reply, done) => {
    app.log.info({
      reqId: request.id,
      method: request.method,
      route: request.routeOptions.url ?? null,
      url: loggedUrl(request.url),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100
    }, 'request')
    done()
  })
}

export default fp(requestLogging, { name: 'request-logging' })
