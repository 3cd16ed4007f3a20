// GET /v1/export: the whole library as Markdown (the PROMPTS.md layout) or JSON.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { BadRequestError } from '../../domain/errors.js'
import { problemResponses } from '../../schemas/problem.js'
import { exportJson, exportMarkdown } from '../../services/library-export.js'

const ExportQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('markdown'), Type.Literal('json')], { default: 'markdown', description: 'markdown (default) or json.' })),
  history: Type.Optional(Type.Boolean({ default: false, description: 'With format=json: every version of each prompt, oldest first.' }))
}, { additionalProperties: false })

export default async function exportRoutes (app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>()
  const { library } = app

  routes.get('/export', {
    schema: {
      tags: ['library'],
      summary: 'Export the library',
      description: 'format=markdown answers the library in the seed document\'s own layout (on a freshly seeded store every prompt line is byte-identical to seed/PROMPTS.md); ' +
        'each {{name}} is written back as its [label]. format=json answers categories and prompts, with history=true every version. Either can be imported with POST /v1/import.',
      querystring: ExportQuery,
      response: {
        200: {
          description: 'The library',
          content: {
            'text/markdown': { schema: Type.String({ examples: ['## 1. Service Selection and Design Patterns\n\n### Prompts for Service Type Selection\n\n```\n"Given a use case for [describe your use case], …"\n```\n'] }) },
            'application/json': { schema: Type.Ref('LibraryExport') }
          }
        },
        ...problemResponses(400)
      }
    }
  }, async (request, reply) => {
    const { format = 'markdown', history = false } = request.query
    if (format === 'json') {
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(exportJson(library, history)))
    }
    if (history) {
      throw new BadRequestError('history=true goes with format=json: the Markdown layout holds only current versions',
        [{ pointer: '#/query/history', detail: 'only with format=json' }])
    }
    return reply.type('text/markdown; charset=utf-8').header('content-disposition', 'inline; filename="PROMPTS.md"').send(exportMarkdown(library))
  })
}
