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
      operationId: 'exportLibrary',
      summary: 'Export the library',
      description: 'format=markdown answers the library in the seed document\'s own layout (on a freshly seeded store every prompt is byte-identical to its line in seed/PROMPTS.md). ' +
        'The layout keeps categories in order, each prompt\'s id (an `<!-- id: … -->` marker follows a line only when the id is not <category>-<n> for its place), its template, ' +
        'and each variable\'s description and examples as its [label] (a description that would not read back as the same variable is written as [name]). ' +
        'It does not hold tags, required, default or history: an import keeps the stored ones. ' +
        'A template the layout cannot hold (several lines, a literal [ or ], a leading or trailing space or quote) makes the export a 409 listing those ids. ' +
        'format=json holds everything (with history=true, every version). Either can be imported with POST /v1/import.',
      querystring: ExportQuery,
      response: {
        200: {
          description: 'The library',
          content: {
            'text/markdown': { schema: Type.String({ maxLength: 100_000_000, examples: ['## 1. Service Selection and Design Patterns\n\n### Prompts for Service Type Selection\n\n```\n"Given a use case for [describe your use case], …"\n```\n'] }) },
            'application/json': { schema: Type.Ref('LibraryExport') }
          }
        },
        ...problemResponses(400, 409)
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
