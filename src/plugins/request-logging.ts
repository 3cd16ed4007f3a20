// One JSON log line per request, written when the response is done.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { DestinationStream, Logger } from 'pino'
import { redactSecrets } from '../domain/api-key-secret.js'
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

export interface RequestLoggingOptions {
  /** The app's logger: its level decides whether request lines are written. */
  logger: Logger
  /** The logger's destination: request lines join its other lines there, in order. */
  destination: DestinationStream
  /** The logger's base fields (pid, hostname), as every line of it carries them. */
  base: Record<string, unknown>
}

async function requestLogging (app: FastifyInstance, { logger, destination, base }: RequestLoggingOptions): Promise<void> {
  // The line pino would write for app.log.info({ reqId, method, route, url, status, durationMs }, 'request'), byte
  // for byte, built with one template: pino's generic path (serialising an object, its write hooks) was most of the
  // cost of logging a request.
  const fields = JSON.stringify(base).slice(1, -1)
  const afterTime = fields === '' ? '' : ',' + fields
  // A callback hook: it runs on every request, and a promise per request is a measurable cost.
  app.addHook('onResponse', (request, reply, done) => {
    if (logger.isLevelEnabled('info')) {
      const route = request.routeOptions.url
      destination.write(redactSecrets(`{"level":30,"time":${Date.now()}${afterTime},"reqId":${JSON.stringify(request.id)}` +
        `,"method":${JSON.stringify(request.method)},"route":${route === undefined ? 'null' : JSON.stringify(route)}` +
        `,"url":${JSON.stringify(loggedUrl(request.url))},"status":${reply.statusCode}` +
        `,"durationMs":${Math.round(reply.elapsedTime * 100) / 100},"msg":"request"}\n`))
    }
    done()
  })
}

export default fp(requestLogging, { name: 'request-logging' })
