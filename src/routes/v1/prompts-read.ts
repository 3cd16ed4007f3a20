// GET /v1/prompts and GET /v1/prompts/:id.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { MAX_QUERY_LENGTH, MAX_QUERY_WORDS } from '../../domain/search-query.js'
import { PROMPT_ID_PATTERN } from '../../domain/prompt-id.js'
import { SLUG_PATTERN } from '../../domain/slug.js'
import { VERSION_BOUNDS } from '../../schemas/bounds.js'
import { problemResponses } from '../../schemas/problem.js'
import { PromptListSchema } from '../../schemas/prompt.js'
import { SubjectSchema } from '../../schemas/label.js'
import { etagMatches, promptEtag } from '../prompt-etag.js'
import { sendSerializedOnce } from '../serialized-once.js'

export const PromptIdParams = Type.Object({
  id: Type.String({ pattern: PROMPT_ID_PATTERN, maxLength: 100, description: 'Prompt id: a-z, 0-9 and -, at most 100 characters.', examples: ['sagas-1'] })
}, { additionalProperties: false })

const ListQuery = Type.Object({
  category: Type.Optional(Type.String({ pattern: SLUG_PATTERN, maxLength: 100, description: 'A category slug; includes every category below it.', examples: ['sagas'] })),
  // No examples on tag and q: Swagger UI's "Try it out" fills every parameter with its example.
  tag: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'Only prompts with this tag (GET /v1/tags lists them), e.g. awakeables.' })),
  q: Type.Optional(Type.String({
    minLength: 1,
    maxLength: MAX_QUERY_LENGTH,
    description: `Full-text search, at most ${MAX_QUERY_LENGTH} characters and ${MAX_QUERY_WORDS} words. Results come by relevance, each with \`highlight\`; the last word counts as a prefix unless followed by a space; words of 5+ characters without a match are corrected (see \`didYouMean\`). Combines with category and tag. For example: saga compensation, awakeable, ctx.Run.`
  })),
  limit: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: 100, default: 20, description: 'Page size, 1 to 100 (default 20).' })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'nextCursor of the previous page.' }))
}, { additionalProperties: false })

const GetQuery = Type.Object({
  version: Type.Optional(Type.Integer({ ...VERSION_BOUNDS, description: 'Read this version instead of the current one.', examples: [1] })),
  label: Type.Optional(Type.String({ pattern: SLUG_PATTERN, maxLength: 50, description: 'Read the version this label points at.', examples: ['production'] })),
  subject: Type.Optional(SubjectSchema)
}, { additionalProperties: false })

export default async function promptReadRoutes (app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>()
  const { reader } = app
  // The handlers are not async: a promise per request is a measurable cost on the most frequent reads.

  routes.get('/prompts', {
    schema: {
      tags: ['prompts'],
      operationId: 'listPrompts',
      summary: 'List prompts',
      description: 'Prompts in document order (category order, then position), a page at a time. `category` includes every category below it: `category=sagas` answers sagas-1 … sagas-5. With `q`, prompts by relevance, each with `highlight`, plus `facets.categories` (counted over every match, ignoring `category`) and `didYouMean` when a typo was corrected.',
      querystring: ListQuery,
      response: { 200: PromptListSchema, ...problemResponses(400) }
    }
  }, (request, reply) => { sendSerializedOnce(reply, reader.list({ ...request.query, limit: request.query.limit ?? 20 })) })

  routes.get('/prompts/:id', {
    schema: {
      tags: ['prompts'],
      operationId: 'getPrompt',
      summary: 'Get a prompt',
      description: 'The current version, or another with `version` or `label`. Answers a strong ETag naming the version; send it back in If-None-Match for a 304, or in If-Match to edit. `renderCount` is a live statistic of that version, not part of what the ETag validates: a 304 does not mean the count is unchanged.',
      params: PromptIdParams,
      querystring: GetQuery,
      headers: Type.Object({ 'if-none-match': Type.Optional(Type.String({ maxLength: 1000 })) }),
      response: {
        200: {
          description: 'The prompt',
          headers: { ETag: { type: 'string', maxLength: 1000, description: 'Strong validator of this version.' } },
          content: { 'application/json': { schema: Type.Ref('Prompt') } }
        },
        304: { description: 'Not modified: the If-None-Match ETag is current.', type: 'null' },
        ...problemResponses(400, 404)
      }
    }
  }, (request, reply) => {
    const prompt = reader.find(request.params.id, request.query)
    const etag = promptEtag(prompt.id, prompt.version)
    reply.header('etag', etag).header('cache-control', 'no-cache')
    if (etagMatches(request.headers['if-none-match'], etag)) reply.code(304).send(null)
    else sendSerializedOnce(reply, prompt)
  })
}
