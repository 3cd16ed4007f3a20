// OpenAPI 3.1 at /openapi.json and Swagger UI at /docs.
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

async function openapi (app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'promptshelf',
        version: '1.0.0',
        description: 'A library of LLM prompt templates: find a prompt, fill its placeholders, keep your own with a full version history. ' +
          'Every /v1 path also answers without the prefix. Errors are application/problem+json (RFC 9457).'
      },
      tags: [
        { name: 'prompts', description: 'Read, search and write prompts' },
        { name: 'versions', description: 'A prompt\'s immutable history, diffs and labels' },
        { name: 'render', description: 'Fill a prompt\'s placeholders' },
        { name: 'categories', description: 'The category tree and tags' },
        { name: 'library', description: 'Export and import the whole library' },
        { name: 'health', description: 'Liveness and readiness' }
      ]
    },
    refResolver: {
      // Shared schemas appear under components.schemas by their $id (Prompt, Problem).
      buildLocalReference: (json, _baseUri, _fragment, index) => typeof json.$id === 'string' ? json.$id : `def-${index}`
    }
  })
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true, persistAuthorization: true } })

  let document: string | undefined
  app.get('/openapi.json', { schema: { hide: true }, config: { rateLimit: false } }, async (_request, reply) => {
    // Routes do not change after start: build the document once.
    document ??= JSON.stringify(app.swagger())
    return reply.type('application/json').send(document)
  })
}

export default fp(openapi, { name: 'openapi' })
