// A prompt's history: GET …/versions, GET …/versions/:version, GET …/diff.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { VERSION_BOUNDS } from '../../schemas/bounds.js'
import { problemResponses } from '../../schemas/problem.js'
import { DiffSchema, jsonResponse, VersionPageSchema, VersionParams, VersionSchema } from '../../schemas/prompt-write.js'
import { PromptHistory } from '../../services/prompt-history.js'
import { etagMatches, promptEtag } from '../prompt-etag.js'
import { PromptIdParams } from './prompts-read.js'

const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: 100, default: 20, description: 'Page size, 1 to 100 (default 20).' })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'nextCursor of the previous page.' }))
}, { additionalProperties: false })

const DiffQuery = Type.Object({
  from: Type.Optional(Type.Integer({ ...VERSION_BOUNDS, description: 'Default: the version before `to`.', examples: [1] })),
  to: Type.Optional(Type.Integer({ ...VERSION_BOUNDS, description: 'Default: the current version.', examples: [2] }))
}, { additionalProperties: false })

export default async function promptVersionRoutes (app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>()
  const history = new PromptHistory(app.library)


  routes.get('/prompts/:id/versions', {
    schema: {
      tags: ['versions'],
      operationId: 'listPromptVersions',
      summary: 'List versions',
      description: 'Every version of a prompt, newest first, with its template, variables, tags, category, createdAt, the name of the key that made it, and the labels on it.',
      params: PromptIdParams,
      querystring: PageQuery,
      response: { 200: VersionPageSchema, ...problemResponses(400, 404) }
    }
  }, async (request) => history.page(request.params.id, request.query.limit ?? 20, request.query.cursor))

  routes.get('/prompts/:id/versions/:version', {
    schema: {
      tags: ['versions'],
      operationId: 'getPromptVersion',
      summary: 'Get one version',
      description: 'Versions are immutable: the ETag names this one for good.',
      params: VersionParams,
      headers: Type.Object({ 'if-none-match': Type.Optional(Type.String({ maxLength: 1000 })) }),
      response: {
        200: jsonResponse('The version.', VersionSchema, { ETag: 'Strong validator of this version.' }),
        304: { description: 'Not modified: the If-None-Match ETag names this version.', type: 'null' },
        ...problemResponses(400, 404)
      }
    }
  }, async (request, reply) => {
    const { id, version } = request.params
    const view = history.one(id, version)
    const etag = promptEtag(id, version)
    // Revalidate every time: the version never changes, but a deleted prompt must answer 404.
    reply.header('etag', etag).header('cache-control', 'no-cache')
    if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send(null)
    return view
  })

  routes.get('/prompts/:id/diff', {
    schema: {
      tags: ['versions'],
      operationId: 'comparePromptVersions',
      summary: 'Compare two versions',
      description: 'The template\'s text changes word by word, the variables and tags added and removed, and the category of each side.',
      params: PromptIdParams,
      querystring: DiffQuery,
      response: { 200: DiffSchema, ...problemResponses(400, 404) }
    }
  }, async (request) => history.diff(request.params.id, request.query.from, request.query.to))
}
