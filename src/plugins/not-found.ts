// Unknown routes: a 404 problem, counted against the caller's rate limit like any other request.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { pathOf, problemType, sendProblem } from './problem-errors.js'

async function notFound (app: FastifyInstance): Promise<void> {
  app.setNotFoundHandler({ preHandler: app.limitRequest }, (request, reply) => sendProblem(reply, {
    type: problemType('Not Found'),
    title: 'Not Found',
    status: 404,
    detail: `no route for ${request.method} ${pathOf(request)}: see /docs for the API`,
    instance: pathOf(request)
  }))
}

export default fp(notFound, { name: 'not-found', dependencies: ['rate-limit', 'problem-errors'] })
