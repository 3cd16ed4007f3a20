// TypeBox schemas of webhook subscriptions, their deliveries log, and the events they receive.
import { Type } from 'typebox'
import { COUNT_BOUNDS, MAX_INT32, TIMESTAMP_BOUNDS } from './bounds.js'

export const WEBHOOK_ID_PATTERN = '^wh_[A-Za-z0-9_-]{16}$'
/** wh_ and 16 characters. */
export const WEBHOOK_ID_LENGTH = 19

export const EventTypeSchema = Type.Union([
  Type.Literal('prompt.created'), Type.Literal('prompt.version.created'), Type.Literal('prompt.deleted'),
  Type.Literal('prompt.restored'), Type.Literal('label.moved'), Type.Literal('label.removed'), Type.Literal('*')
], { description: 'An event type, or * for every event.' })

const Url = Type.String({
  minLength: 1,
  maxLength: 2000,
  description: 'http or https, without credentials. Private, loopback and link-local destinations are refused, also when the name resolves to one (unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true).',
  examples: ['https://example.com/hooks/promptshelf']
})
const Events = Type.Array(EventTypeSchema, { minItems: 1, maxItems: 7, uniqueItems: true, examples: [['prompt.version.created', 'label.moved']] })
const Description = Type.String({ maxLength: 500, pattern: '^[^\\u0000-\\u001f\\u007f]*$', description: 'What the subscription is for.', examples: ['Rebuild the prompt cache'] })

export const WebhookIdParams = Type.Object({
  id: Type.String({ pattern: WEBHOOK_ID_PATTERN, maxLength: WEBHOOK_ID_LENGTH, description: 'The subscription id.', examples: ['wh_Xq3v9LmN2pQrSt4u'] })
}, { additionalProperties: false })

export const NewWebhookBody = Type.Object({ url: Url, events: Events, description: Type.Optional(Description) }, {
  additionalProperties: false,
  examples: [{ url: 'https://example.com/hooks/promptshelf', events: ['*'], description: 'Rebuild the prompt cache' }]
})

export const WebhookPatchBody = Type.Object({ url: Type.Optional(Url), events: Type.Optional(Events), description: Type.Optional(Description) }, {
  additionalProperties: false,
  minProperties: 1,
  examples: [{ events: ['label.moved', 'label.removed'] }]
})

const subscriptionProperties = {
  id: Type.String({ maxLength: WEBHOOK_ID_LENGTH, examples: ['wh_Xq3v9LmN2pQrSt4u'] }),
  url: Type.String({ maxLength: 2000, examples: ['https://example.com/hooks/promptshelf'] }),
  events: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 7, examples: [['*']] }),
  description: Type.String({ maxLength: 500 }),
  createdAt: Type.String(TIMESTAMP_BOUNDS),
  updatedAt: Type.String(TIMESTAMP_BOUNDS)
}

export const WebhookSchema = Type.Object(subscriptionProperties, { additionalProperties: false, description: 'A subscription, without its secret.' })

export const CreatedWebhookSchema = Type.Object({
  ...subscriptionProperties,
  secret: Type.String({
    maxLength: 100,
    description: 'The signing secret, whsec_ + base64 of 32 random bytes. Shown this once; stored encrypted and never answered again.',
    examples: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw']
  })
}, { additionalProperties: false })

export const WebhookListSchema = Type.Object({ items: Type.Array(WebhookSchema, { maxItems: 10_000 }) }, { additionalProperties: false })

export const DeliveryAttemptSchema = Type.Object({
  id: Type.Integer({ ...COUNT_BOUNDS, minimum: 1, examples: [42] }),
  eventId: Type.String({ maxLength: 100, description: 'The webhook-id header of the delivery: the same on every retry.', examples: ['msg_2KWPBgLlAfxdpx2AI54pPJ'] }),
  type: Type.String({ maxLength: 50, examples: ['prompt.version.created'] }),
  attempt: Type.Integer({ format: 'int32', minimum: 1, maximum: MAX_INT32, examples: [1] }),
  status: Type.Union([Type.Literal('delivered'), Type.Literal('retrying'), Type.Literal('failed')], {
    description: 'delivered (2xx), retrying (another attempt is scheduled) or failed (retried for the whole retry window; given up).'
  }),
  responseStatus: Type.Union([Type.Integer({ format: 'int32', minimum: 100, maximum: 999 }), Type.Null()], { description: 'The receiver\'s status; null when none came (refused, timed out).', examples: [200] }),
  durationMs: Type.Integer({ format: 'int32', minimum: 0, maximum: MAX_INT32, examples: [35] }),
  error: Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()], { examples: [null] }),
  at: Type.String(TIMESTAMP_BOUNDS)
}, { additionalProperties: false })

export const DeliveryPageSchema = Type.Object({
  items: Type.Array(DeliveryAttemptSchema, { maxItems: 100 }),
  nextCursor: Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: 'Pass as cursor for older attempts; null on the last page.' })
}, { additionalProperties: false })

export const DeliveryQuery = Type.Object({
  limit: Type.Integer({ format: 'int32', minimum: 1, maximum: 100, default: 20, description: 'Page size, 1 to 100.' }),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'nextCursor of the previous page.' }))
}, { additionalProperties: false })

export const PingSchema = Type.Object({
  eventId: Type.String({ maxLength: 100, description: 'The webhook-id the ping is sent with.', examples: ['msg_2KWPBgLlAfxdpx2AI54pPJ'] })
}, { additionalProperties: false })
