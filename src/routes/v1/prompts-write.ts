// POST /v1/prompts, PATCH and DELETE /v1/prompts/:id, POST /v1/prompts/:id/restore.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { problemResponses } from '../../schemas/problem.js'
import type { PromptView } from '../../schemas/prompt.js'
import { CreatePromptBody, jsonResponse, PatchPromptBody } from '../../schemas/prompt-write.js'
import { IdempotencyService, requestFingerprint, type StoredResponse } from '../../services/idempotency.js'
import { PreconditionRequiredError } from '../../domain/errors.js'
import { expectedVersionOf, promptEtag } from '../prompt-etag.js'
import { PromptWriter } from '../../services/prompt-writer.js'
import { PromptIdParams } from './prompts-read.js'

const IfMatch = Type.String({ maxLength: 1000, description: 'The ETag of the version you read, e.g. "sagas-1.v1".', examples: ['"sagas-1.v1"'] })
const CreateHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({
    minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$',
    description: 'Makes a retry safe: the same key with the same body replays the first response; with another body it is a 422. Kept 24 hours, per API key.',
    examples: ['3f1c9a0e-7b2d-4c55-9e61-0d8f2b7a4c11']
  }))
})
// Optional to the validator, so that a missing If-Match answers 428 rather than 400.
const IfMatchRequired = Type.Object({ 'if-match': Type.Optional(IfMatch) })
const ETAG_TEXT = 'Strong validator of the current version: send it back in If-Match to edit.'

export default async function promptWriteRoutes (app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>()
  const { library } = app
  const writer = new PromptWriter(library)
  const idempotency = new IdempotencyService(library.idempotency, library)
  const requireWrite = app.requireScope('prompts:write')

  const promptResponse = (status: number, prompt: PromptView): StoredResponse => ({
    status,
    headers: { location: `/v1/prompts/${prompt.id}`, etag: promptEtag(prompt.id, prompt.version) },
    body: prompt
  })

  routes.post('/prompts', {
    preParsing: requireWrite,
    schema: {
      tags: ['prompts'],
      operationId: 'createPrompt',
      summary: 'Create a prompt',
      description: 'Creates version 1. Variables come from the template\'s {{name}} placeholders; `variables` may describe them. ' +
        'Without `id` the prompt gets `<category>-<n>` (sagas-6). Without `tags` it gets the topics found in its text. Scope prompts:write.',
      headers: CreateHeaders,
      body: CreatePromptBody,
      response: {
        201: jsonResponse('Created: version 1 of the prompt.', Type.Ref('Prompt'), {
          Location: 'Path of the new prompt, e.g. /v1/prompts/sagas-6.',
          ETag: ETAG_TEXT,
          'Idempotent-Replayed': '"true" when this is the stored response of an earlier request with the same Idempotency-Key.'
        }),
        ...problemResponses(400, 401, 403, 409, 413, 415, 422)
      }
    }
  }, async (request, reply) => {
    const create = (): StoredResponse => promptResponse(201, writer.create(request.body, request.principal.name))
    const key = request.headers['idempotency-key']
    const outcome = key === undefined
      ? { replayed: false, response: create() }
      : idempotency.execute(request.principal.keyId ?? 'anonymous', key, requestFingerprint('POST', '/v1/prompts', request.body), create)
    reply.code(outcome.response.status as 201).headers(outcome.response.headers)
    if (outcome.replayed) reply.header('idempotent-replayed', 'true')
    return outcome.response.body
  })

  routes.patch('/prompts/:id', {
    preParsing: requireWrite,
    schema: {
      tags: ['prompts'],
      operationId: 'updatePrompt',
      summary: 'Edit a prompt',
      description: 'Needs If-Match with the current ETag (428 without it; 412, with nothing changed, when another edit came first). ' +
        'A change makes version N+1; a PATCH that changes nothing makes no version. A new category puts the prompt at its end. ' +
        'Accepts application/json and application/merge-patch+json. Scope prompts:write.',
      params: PromptIdParams,
      headers: IfMatchRequired,
      consumes: ['application/json', 'application/merge-patch+json'],
      body: PatchPromptBody,
      response: {
        200: jsonResponse('The prompt as it now stands.', Type.Ref('Prompt'), { ETag: ETAG_TEXT }),
        ...problemResponses(400, 401, 403, 404, 412, 413, 415, 428)
      }
    }
  }, async (request, reply) => {
    const ifMatch = request.headers['if-match']
    if (ifMatch === undefined) {
      throw new PreconditionRequiredError('send If-Match with the ETag of the version you edited (GET /v1/prompts/:id answers it)')
    }
    const { prompt } = writer.patch(request.params.id, expectedVersionOf(ifMatch, request.params.id), request.body, request.principal.name)
    reply.header('etag', promptEtag(prompt.id, prompt.version))
    return prompt
  })

  routes.delete('/prompts/:id', {
    preParsing: requireWrite,
    schema: {
      tags: ['prompts'],
      operationId: 'deletePrompt',
      summary: 'Delete a prompt',
      description: 'The prompt leaves lists and reads (404) but its history stays; POST …/restore brings it back. ' +
        'Honours If-Match when sent (412 when stale). Scope prompts:write.',
      params: PromptIdParams,
      headers: Type.Object({ 'if-match': Type.Optional(IfMatch) }),
      response: {
        204: { description: 'Deleted.', type: 'null' },
        ...problemResponses(400, 401, 403, 404, 412)
      }
    }
  }, async (request, reply) => {
    const ifMatch = request.headers['if-match']
    writer.remove(request.params.id, ifMatch === undefined ? 'any' : expectedVersionOf(ifMatch, request.params.id), request.principal.name)
    return reply.code(204).send(null)
  })

  routes.post('/prompts/:id/restore', {
    preParsing: app.requireScope('admin'),
    schema: {
      tags: ['prompts'],
      operationId: 'restorePrompt',
      summary: 'Restore a deleted prompt',
      description: 'Brings a deleted prompt back with its history, at its old place. Restoring a live prompt changes nothing. Scope admin.',
      params: PromptIdParams,
      response: {
        200: jsonResponse('The restored prompt.', Type.Ref('Prompt'), { ETag: ETAG_TEXT }),
        ...problemResponses(400, 401, 403, 404)
      }
    }
  }, async (request, reply) => {
    const prompt = writer.restore(request.params.id, request.principal.name)
    reply.header('etag', promptEtag(prompt.id, prompt.version))
    return prompt
  })
}
