// /v1/keys: create, list, read, change and revoke API keys. Every route needs the admin scope.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { CreatedKeySchema, KeyIdParams, KeyListSchema, KeyPatchBody, KeySchema, NewKeyBody } from '../../schemas/key.js'
import { problemResponses } from '../../schemas/problem.js'

export default async function keyRoutes (app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>()
  const { keys } = app
  const preParsing = app.requireScope('admin')

  routes.post('/keys', {
    preParsing,
    schema: {
      tags: ['keys'],
      operationId: 'createKey',
      summary: 'Create an API key',
      description: 'Answers the secret `key` this once; only its SHA-256 hash is stored. Without `rateLimit` the key gets the service default budget.',
      body: NewKeyBody,
      response: {
        201: {
          description: 'The new key, with its secret',
          headers: { Location: { type: 'string', maxLength: 100, description: 'The key\'s URL.' } },
          content: { 'application/json': { schema: CreatedKeySchema } }
        },
        ...problemResponses(400, 401, 403)
      }
    }
  }, async (request, reply) => {
    const created = keys.create(request.body)
    request.log.info({ keyId: created.id, scopes: created.scopes, by: request.principal.keyId }, 'API key created')
    return reply.code(201).header('location', `/v1/keys/${created.id}`).header('cache-control', 'no-store').send(created)
  })

  routes.get('/keys', {
    preParsing,
    schema: {
      tags: ['keys'],
      operationId: 'listKeys',
      summary: 'List API keys',
      description: 'Every key, revoked ones included (revokedAt set), oldest first. Secrets are never shown again.',
      response: { 200: KeyListSchema, ...problemResponses(400, 401, 403) }
    }
  }, async () => ({ items: keys.list() }))

  routes.get('/keys/:id', {
    preParsing,
    schema: {
      tags: ['keys'],
      operationId: 'getKey',
      summary: 'Get an API key',
      params: KeyIdParams,
      response: { 200: KeySchema, ...problemResponses(400, 401, 403, 404) }
    }
  }, async (request) => keys.get(request.params.id))

  routes.patch('/keys/:id', {
    preParsing,
    schema: {
      tags: ['keys'],
      operationId: 'updateKey',
      summary: 'Change an API key',
      description: 'Changes the name, the scopes or the budget (`rateLimit: null` returns to the default). Takes effect on the next request. A revoked key cannot be changed (409).',
      params: KeyIdParams,
      body: KeyPatchBody,
      response: { 200: KeySchema, ...problemResponses(400, 401, 403, 404, 409) }
    }
  }, async (request) => {
    const changed = keys.patch(request.params.id, request.body)
    request.log.info({ keyId: changed.id, by: request.principal.keyId }, 'API key changed')
    return changed
  })

  routes.delete('/keys/:id', {
    preParsing,
    schema: {
      tags: ['keys'],
      operationId: 'revokeKey',
      summary: 'Revoke an API key',
      description: 'The key is refused (401) from the next request on. It stays listed with revokedAt. Revoking it again is a 204 too.',
      params: KeyIdParams,
      response: { 204: Type.Null({ description: 'Revoked.' }), ...problemResponses(400, 401, 403, 404) }
    }
  }, async (request, reply) => {
    keys.revoke(request.params.id)
    request.log.info({ keyId: request.params.id, by: request.principal.keyId }, 'API key revoked')
    return reply.code(204).send(null)
  })
}
