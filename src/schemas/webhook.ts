// TypeBox schemas of webhook subscriptions, their deliveries log, and the events they receive.
import { Type } from 'typebox'

export const WEBHOOK_ID_PATTERN = '^wh_[A-Za-z0-9_-]{16}$'

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
  id: Type.String({ pattern: WEBHOOK_ID_PATTERN, description: 'The subscription id.', examples: ['wh_Xq3v9LmN2pQrSt4u'] })
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
  id: Type.String({ examples: ['wh_Xq3v9LmN2pQrSt4u'] }),
  url: Type.String({ examples: ['https://example.com/hooks/promptshelf'] }),
  events: Type.Array(Type.String(), { examples: [['*']] }),
  description: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' })
}

export const WebhookSchema = Type.Object(subscriptionProperties, { additionalProperties: false, description: 'A subscription, without its secret.' })

export const CreatedWebhookSchema = Type.Object({
  ...subscriptionProperties,
  secret: Type.String({
    description: 'The signing secret, whsec_ + base64 of 32 random bytes. Shown this once; stored encrypted and never answered again.',
    examples: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw']
  })
}, { additionalProperties: false })

export const WebhookListSchema = Type.Object({ items: Type.Array(WebhookSchema) }, { additionalProperties: false })

export const DeliveryAttemptSchema = Type.Object({
  id: Type.Integer({ examples: [42] }),
  eventId: Type.String({ description: 'The webhook-id header of the delivery: the same on every retry.', examples: ['msg_2KWPBgLlAfxdpx2AI54pPJ'] }),
  type: Type.String({ examples: ['prompt.version.created'] }),
  attempt: Type.Integer({ minimum: 1, examples: [1] }),
  status: Type.Union([Type.Literal('delivered'), Type.Literal('retrying'), Type.Literal('failed')], {
    description: 'delivered (2xx), retrying (another attempt is scheduled) or failed (retried for the whole retry window; given up).'
  }),
  responseStatus: Type.Union([Type.Integer(), Type.Null()], { description: 'The receiver\'s status; null when none came (refused, timed out).', examples: [200] }),
  durationMs: Type.Integer({ minimum: 0, examples: [35] }),
  error: Type.Union([Type.String(), Type.Null()], { examples: [null] }),
  at: Type.String({ format: 'date-time' })
}, { additionalProperties: false })

export const DeliveryPageSchema = Type.Object({
  items: Type.Array(DeliveryAttemptSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as cursor for older attempts; null on the last page.' })
}, { additionalProperties: false })

export const DeliveryQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size, 1 to 100.' }),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'nextCursor of the previous page.' }))
}, { additionalProperties: false })

export const PingSchema = Type.Object({
  eventId: Type.String({ description: 'The webhook-id the ping is sent with.', examples: ['msg_2KWPBgLlAfxdpx2AI54pPJ'] })
}, { additionalProperties: false })
