// GET /: browsers (Accept with text/html) go to the web app; other clients get an index of the service.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { projectRoot } from '../project-root.js'
import { problemResponses } from '../schemas/problem.js'

const ServiceIndex = Type.Object({
  name: Type.String({ maxLength: 214, examples: ['promptshelf'] }),
  version: Type.String({ maxLength: 100, examples: ['0.1.0'] }),
  docs: Type.String({ maxLength: 100, description: 'Swagger UI.', examples: ['/docs'] }),
  openapi: Type.String({ maxLength: 100, description: 'The OpenAPI 3.1 document.', examples: ['/openapi.json'] }),
  app: Type.String({ maxLength: 100, description: 'The web app.', examples: ['/app/'] })
}, { additionalProperties: false })

/** text/html listed with a q above 0. */
function wantsHtml (accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => {
    const [type, ...params] = part.trim().toLowerCase().split(';')
    return type?.trim() === 'text/html' && !params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param))
  })
}

export default async function serviceIndexRoutes (app: FastifyInstance): Promise<void> {
  const { name, version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { name: string, version: string }
  const index = { name, version, docs: '/docs', openapi: '/openapi.json', app: '/app/' }

  app.get('/', {
    config: { rateLimit: false },
    schema: {
      tags: ['health'],
      operationId: 'getServiceIndex',
      summary: 'Service index',
      description: 'Browsers (Accept with text/html) are redirected to the web app at /app/; other clients get links to the documentation, the OpenAPI document and the app.',
      security: [],
      response: {
        200: ServiceIndex,
        302: { description: 'To the web app, for browsers.', type: 'null' },
        ...problemResponses(400)
      }
    }
  }, async (request, reply) => {
    reply.header('vary', 'Accept')
    if (wantsHtml(request.headers.accept)) return reply.redirect('/app/', 302)
    return index
  })
}
