// A prompt's labels: list, read, move (one version or a traffic split), remove, history, rollback.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { HistoryQuery, LabelHistorySchema, LabelListSchema, LabelPutBody, LabelViewSchema } from '../../schemas/label.js'
import { problemResponses } from '../../schemas/problem.js'
import { LabelParams } from '../../schemas/prompt-write.js'
import { expectedRevisionOf } from '../label-etag.js'
import { PromptIdParams } from './prompts-read.js'

const IfMatch = Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 1000, description: 'The label\'s ETag: change it only if it still stands so (412 otherwise).' })) })

const labelResponse = (description: string): unknown => ({
  description,
  headers: { ETag: { type: 'string', maxLength: 200, description: 'Strong validator of the label as it now stands; send it in If-Match.' } },
  content: { 'application/json': { schema: LabelViewSchema } }
})

const FORBIDDEN_403 = {
  ...problemResponses(403)[403],
  description: 'The key lacks the scope prompts:write, or the label is protected and the key lacks labels:promote.'
}

const PROTECTED = 'Protected labels (PROTECTED_LABELS, default production) also need the scope labels:promote (403 otherwise).'

export default async function labelRoutes (app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>()
  const { labels } = app
  const write = app.requireScope('prompts:write')

  routes.get('/prompts/:id/labels', {
    schema: {
      tags: ['labels'],
      operationId: 'listPromptLabels',
      summary: 'List labels',
      description: 'Every label of the prompt, by name, with where it points (`splits` is null unless it splits traffic), whether it is protected, and who moved it last.',
      params: PromptIdParams,
      response: { 200: LabelListSchema, ...problemResponses(400, 404) }
    }
  }, async (request) => ({ items: labels.list(request.params.id) }))

  routes.get('/prompts/:id/labels/:label', {
    schema: {
      tags: ['labels'],
      operationId: 'getPromptLabel',
      summary: 'Get a label',
      description: 'The label with the ETag to send in If-Match when changing it.',
      params: LabelParams,
      response: { 200: labelResponse('The label.') as never, ...problemResponses(400, 404) }
    }
  }, async (request, reply) => {
    const { view, etag } = labels.get(request.params.id, request.params.label)
    reply.header('etag', etag).header('cache-control', 'no-cache')
    return view
  })

  routes.put('/prompts/:id/labels/:label', {
    preParsing: write,
    schema: {
      tags: ['labels'],
      operationId: 'setPromptLabel',
      summary: 'Move a label',
      description: 'Points a label (production, staging, any slug) at one `version`, or splits its traffic over 2 to 10 versions (`splits`, weights summing to 100); ' +
        'GET /v1/prompts/:id?label=… then reads that version (with `subject`, the same one for the same subject). `reason` is kept in the history. ' +
        'With If-Match, only if the label still stands as that ETag says (412 otherwise, and nothing changes). A change to where the label already points changes nothing. ' +
        'Sends the webhook event label.moved. Scope prompts:write. ' + PROTECTED,
      params: LabelParams,
      headers: IfMatch,
      body: LabelPutBody,
      response: { 200: labelResponse('The label as it now stands.') as never, ...problemResponses(400, 404, 412, 413, 415), 403: FORBIDDEN_403 }
    }
  }, async (request, reply) => {
    const { view, etag } = labels.put(request.params.id, request.params.label, request.body, expectedRevisionOf(request.headers['if-match'], request.params.id, request.params.label), request.principal)
    return reply.header('etag', etag).send(view)
  })

  routes.delete('/prompts/:id/labels/:label', {
    preParsing: write,
    schema: {
      tags: ['labels'],
      operationId: 'deletePromptLabel',
      summary: 'Remove a label',
      description: 'Reading by the label is a 404 from then on; its history stays (and rollback brings it back). Honours If-Match. Sends label.removed. ' + PROTECTED,
      params: LabelParams,
      headers: IfMatch,
      response: { 204: { description: 'Removed.', type: 'null' }, ...problemResponses(400, 404, 412), 403: FORBIDDEN_403 }
    }
  }, async (request, reply) => {
    labels.remove(request.params.id, request.params.label, expectedRevisionOf(request.headers['if-match'], request.params.id, request.params.label), request.principal)
    return reply.code(204).send(null)
  })

  routes.get('/prompts/:id/labels/:label/history', {
    schema: {
      tags: ['labels'],
      operationId: 'getPromptLabelHistory',
      summary: 'A label\'s history',
      description: 'Every change of the label, newest first: from and to (`{ version }`, `{ splits }`, or null when it was created or removed), by whom, when, and why.',
      params: LabelParams,
      querystring: HistoryQuery,
      response: { 200: LabelHistorySchema, ...problemResponses(400, 404) }
    }
  }, async (request) => labels.history(request.params.id, request.params.label, request.query.limit, request.query.cursor))

  routes.post('/prompts/:id/labels/:label/rollback', {
    preParsing: write,
    schema: {
      tags: ['labels'],
      operationId: 'rollbackPromptLabel',
      summary: 'Roll a label back',
      description: 'Points the label where it pointed before its last change, as a new history entry with the reason "rollback" (a second rollback undoes the first). ' +
        '409 when there is nothing before the last change (the label was just created). Honours If-Match. ' + PROTECTED,
      params: LabelParams,
      headers: IfMatch,
      response: { 200: labelResponse('The label as it now stands.') as never, ...problemResponses(400, 404, 409, 412), 403: FORBIDDEN_403 }
    }
  }, async (request, reply) => {
    const { view, etag } = labels.rollback(request.params.id, request.params.label, expectedRevisionOf(request.headers['if-match'], request.params.id, request.params.label), request.principal)
    return reply.header('etag', etag).send(view)
  })
}
