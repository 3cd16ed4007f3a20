// The one home of errors: every failure leaves as application/problem+json (RFC 9457).
import type { Duplex } from 'node:stream'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { DomainError, type FieldError } from '../domain/errors.js'

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  instance?: string
  [extension: string]: unknown
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 409: 'Conflict', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Content Too Large',
  414: 'URI Too Long', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 428: 'Precondition Required',
  429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 500: 'Internal Server Error', 503: 'Service Unavailable'
}

const LOCATIONS: Record<string, string> = { body: '', querystring: '/query', params: '/params', headers: '/headers' }

export function problemType (title: string): string {
  return 'urn:promptshelf:problem:' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-')
}

interface AjvError {
  keyword: string
  instancePath: string
  message?: string
  params: Record<string, unknown>
}

function fieldErrors (validation: AjvError[], context: string | undefined): FieldError[] {
  const base = '#' + (LOCATIONS[context ?? 'body'] ?? '')
  return validation.map((error) => {
    if (error.keyword === 'additionalProperties') {
      const name = String(error.params.additionalProperty)
      const what = context === 'querystring' ? 'query parameter' : 'field'
      return { pointer: `${base}${error.instancePath}/${name}`, detail: `unknown ${what} "${name}": remove it` }
    }
    if (error.keyword === 'required') {
      return { pointer: `${base}${error.instancePath}/${String(error.params.missingProperty)}`, detail: 'is required' }
    }
    return { pointer: base + error.instancePath, detail: error.message ?? 'is invalid' }
  })
}

export function toProblem (error: FastifyError | DomainError, instance: string): Problem {
  if (error instanceof DomainError) {
    return { type: problemType(error.title), title: error.title, status: error.status, detail: error.message, instance, ...error.extensions }
  }
  const validation = (error as FastifyError).validation as AjvError[] | undefined
  if (validation) {
    const errors = fieldErrors(validation, (error as FastifyError).validationContext)
    const detail = errors.map((item) => `${item.pointer.replace(/^#\/?/, '') || 'body'}: ${item.detail}`).join('; ')
    return { type: problemType('validation-error'), title: 'Bad Request', status: 400, detail, instance, errors }
  }
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500
  const title = TITLES[status] ?? 'Error'
  // 5xx details may hold internals (SQL, paths): they go to the log, not to the client.
  const detail = status >= 500 ? 'an unexpected error occurred; it has been logged with the request id' : error.message
  return { type: problemType(title), title, status, detail, instance }
}

export function sendProblem (reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(problem)
}

export function pathOf (request: FastifyRequest): string {
  const path = request.url
  const query = path.indexOf('?')
  return query === -1 ? path : path.slice(0, query)
}

async function problemErrors (app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error, pathOf(request))
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed')
    return sendProblem(reply, problem)
  })
}

export default fp(problemErrors, { name: 'problem-errors' })

/** Fastify's own early errors (a URL that does not decode): a 400 problem like any other. */
export function frameworkErrorProblem (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const path = pathOf(request)
  void sendProblem(reply, {
    type: problemType('Bad Request'),
    title: 'Bad Request',
    status: 400,
    detail: `the request URL is not valid (${error.message}): percent-encode it correctly`,
    instance: path.length > 300 ? path.slice(0, 300) : path
  })
}

/** Errors of Node's HTTP parser (oversized headers, malformed requests), before Fastify sees a request. */
export function clientErrorProblem (error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400
  const title = TITLES[status]!
  const body = JSON.stringify({
    type: problemType(title),
    title,
    status,
    detail: status === 431 ? 'the request headers are too large' : 'the request is not valid HTTP'
  })
  socket.end(`HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
}
