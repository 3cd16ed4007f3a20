// /v1/webhooks: subscriptions (scope admin), their deliveries log, and pings.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { problemResponses } from '../../schemas/problem.js'
import { CreatedWebhookSchema, DeliveryPageSchema, DeliveryQuery, NewWebhookBody, PingSchema, WebhookIdParams, WebhookListSchema, WebhookPatchBody, WebhookSchema } from '../../schemas/webhook.js'

const EVENTS_TEXT = 'Each event is a POST of `{ type, timestamp, data }` (`data`: `id` of the prompt, `version`, `label` and `splits` for label events, ' +
  '`by`: the name of the key that made the change), signed per the Standard Webhooks specification (headers webhook-id, webhook-timestamp, ' +
  'webhook-signature). At least once, in order per prompt; retried with exponential backoff and jitter for at least 24 hours.'

export default async function webhookRoutes (app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>()
  const { webhooks } = app
  const preParsing = app.requireScope('admin')

  routes.post('/webhooks', {
    preParsing,
    schema: {
      tags: ['webhooks'],
      operationId: 'createWebhook',
      summary: 'Create a webhook subscription',
      description: 'Answers the signing `secret` this once; it is stored encrypted and never shown again. ' + EVENTS_TEXT +
        ' At most WEBHOOK_MAX_SUBSCRIPTIONS (default 100) subscriptions exist at once (409 past it).',
      body: NewWebhookBody,
      response: {
        201: {
          description: 'The subscription, with its secret',
          headers: { Location: { type: 'string', maxLength: 100, description: 'The subscription\'s URL.' } },
          content: { 'application/json': { schema: CreatedWebhookSchema } }
        },
        ...problemResponses(400, 409, 413, 415)
      }
    }
  }, async (request, reply) => {
    const created = await webhooks.create(request.body)
    request.log.info({ subscriptionId: created.id, events: created.events, by: request.principal.keyId }, 'webhook subscription created')
    return reply.code(201).header('location', `/v1/webhooks/${created.id}`).header('cache-control', 'no-store').send(created)
  })

  routes.get('/webhooks', {
    preParsing,
    schema: {
      tags: ['webhooks'],
      operationId: 'listWebhooks',
      summary: 'List webhook subscriptions',
      description: 'Every subscription, oldest first, without secrets.',
      response: { 200: WebhookListSchema, ...problemResponses() }
    }
  }, async () => ({ items: webhooks.list() }))

  routes.get('/webhooks/:id', {
    preParsing,
    schema: {
      tags: ['webhooks'],
      operationId: 'getWebhook',
      summary: 'Get a webhook subscription',
      params: WebhookIdParams,
      response: { 200: WebhookSchema, ...problemResponses(400, 404) }
    }
  }, async (request) => webhooks.get(request.params.id))

  routes.patch('/webhooks/:id', {
    preParsing,
    schema: {
      tags: ['webhooks'],
      operationId: 'updateWebhook',
      summary: 'Change a webhook subscription',
      description: 'Changes the url (checked as on create), the events or the description. The secret stays.',
      params: WebhookIdParams,
      body: WebhookPatchBody,
      response: { 200: WebhookSchema, ...problemResponses(400, 404, 413, 415) }
    }
  }, async (request) => await webhooks.patch(request.params.id, request.body))

  routes.delete('/webhooks/:id', {
    preParsing,
    schema: {
      tags: ['webhooks'],
      operationId: 'deleteWebhook',
      summary: 'Delete a webhook subscription',
      description: 'Deletes it with its pending deliveries and its log.',
      params: WebhookIdParams,
      response: { 204: { description: 'Deleted.', type: 'null' }, ...problemResponses(400, 404) }
    }
  }, async (request, reply) => {
    webhooks.delete(request.params.id)
    request.log.info({ subscriptionId: request.params.id, by: request.principal.keyId }, 'webhook subscription deleted')
    return reply.code(204).send(null)
  })

  routes.get('/webhooks/:id/deliveries', {
    preParsing,
    schema: {
      tags: ['webhooks'],
      operationId: 'listWebhookDeliveries',
      summary: 'List delivery attempts',
      description: 'Every attempt to deliver an event to this subscription, newest first, a page at a time.',
      params: WebhookIdParams,
      querystring: DeliveryQuery,
      response: { 200: DeliveryPageSchema, ...problemResponses(400, 404) }
    }
  }, async (request) => webhooks.deliveries(request.params.id, request.query.limit, request.query.cursor))

  routes.post('/webhooks/:id/ping', {
    preParsing,
    schema: {
      tags: ['webhooks'],
      operationId: 'pingWebhook',
      summary: 'Send a ping',
      description: 'Queues a `ping` event for this subscription alone (data: `{ id: <subscription id>, by }`); the deliveries log shows the outcome.',
      params: WebhookIdParams,
      response: { 202: { ...PingSchema, description: 'The ping is queued.' }, ...problemResponses(400, 404, 413, 415) }
    }
  }, async (request, reply) => reply.code(202).send(webhooks.ping(request.params.id, request.principal.name)))
}
