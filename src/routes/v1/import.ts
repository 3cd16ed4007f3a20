// POST /v1/import: a PROMPTS.md document (text/markdown) or the JSON export, all or nothing.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { readPromptsMarkdown } from '../../domain/prompts-markdown.js'
import { problemResponses } from '../../schemas/problem.js'
import type { LibraryExport } from '../../schemas/library-export.js'
import { importLibrary, planFromJson, planFromMarkdown } from '../../services/library-import.js'

/** A whole library is larger than one prompt write: imports may send up to 16 MiB. */
export const IMPORT_BODY_LIMIT_BYTES = 16 * 1024 * 1024

const ImportReportSchema = Type.Object({
  created: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100_000, examples: [['sagas-6']] }),
  updated: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100_000, examples: [['sagas-1']] }),
  unchanged: Type.Integer({ format: 'int32', minimum: 0, maximum: 100_000, examples: [148] })
}, { additionalProperties: false })

export default async function importRoutes (app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>()
  const { library } = app
  app.addContentTypeParser('text/markdown', { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body))

  routes.post('/import', {
    bodyLimit: IMPORT_BODY_LIMIT_BYTES,
    preParsing: app.requireScope('admin'),
    schema: {
      tags: ['library'],
      operationId: 'importLibrary',
      summary: 'Import a library',
      description: 'Scope: admin. Takes a PROMPTS.md document (Content-Type: text/markdown; a prompt\'s id is its `<!-- id: … -->` marker, else <category>-<n> for its place) or the JSON of GET /v1/export?format=json. ' +
        'One transaction: a document that does not parse, or any prompt that is invalid, is a 400 saying where, and nothing changes. ' +
        'New ids are created, changed prompts get a new version, prompts the document does not mention are kept. With dryRun=true the same report comes back and nothing is written. ' +
        'Markdown carries no tags, required or default: stored prompts keep theirs (and their whole variable when its label is just its name), new ones are tagged from their text; a document without a title or closing text keeps the stored ones; new categories go at their place in the document. History in a JSON export is not replayed. Bodies up to 16 MiB.',
      querystring: Type.Object({
        dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Report what would change, change nothing.' }))
      }, { additionalProperties: false }),
      body: {
        content: {
          'text/markdown': { schema: Type.String({ maxLength: IMPORT_BODY_LIMIT_BYTES, description: 'A document in the PROMPTS.md layout.' }) },
          'application/json': { schema: Type.Ref('LibraryExport') }
        }
      } as never,
      response: { 200: ImportReportSchema, ...problemResponses(400, 401, 403, 413, 415) }
    }
  }, async (request) => {
    const plan = typeof request.body === 'string'
      ? planFromMarkdown(readPromptsMarkdown(request.body))
      : planFromJson(request.body as LibraryExport)
    return importLibrary(library, plan, { dryRun: request.query.dryRun ?? false, author: request.principal.name })
  })
}
