// TypeBox schemas of API keys as the API shows and accepts them.
import { Type } from 'typebox'
import { SCOPES } from '../domain/principal.js'
import { TIMESTAMP_BOUNDS } from './bounds.js'

export const KEY_ID_PATTERN = '^key_[A-Za-z0-9_-]{12}$'

export const ScopeSchema = Type.Union([Type.Literal('prompts:read'), Type.Literal('prompts:write'), Type.Literal('labels:promote'), Type.Literal('admin')], {
  description: 'prompts:read reads and renders; prompts:write also creates, changes and deletes prompts and moves labels; labels:promote (with prompts:write) also moves, splits and removes protected labels (PROTECTED_LABELS, default production); admin holds every scope and manages keys and webhooks.'
})

const ScopesSchema = Type.Array(ScopeSchema, { minItems: 1, maxItems: SCOPES.length, uniqueItems: true, examples: [['prompts:read', 'prompts:write']] })

const KeyNameSchema = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[^\\u0000-\\u001f\\u007f]+$',
  description: 'Who or what uses the key; shown as the author of the prompt versions it makes.',
  examples: ['ci-pipeline']
})

export const RateLimitSchema = Type.Object({
  max: Type.Integer({ format: 'int32', minimum: 1, maximum: 1_000_000_000, description: 'Requests allowed per window.', examples: [600] }),
  windowSeconds: Type.Integer({ format: 'int32', minimum: 1, maximum: 86_400, description: 'Length of the window in seconds.', examples: [60] })
}, { additionalProperties: false, description: 'A request budget: max requests per windowSeconds.' })

export const KeyIdParams = Type.Object({
  id: Type.String({ pattern: KEY_ID_PATTERN, maxLength: 16, description: 'The key id (not the secret).', examples: ['key_Xq3v9LmN2pQr'] })
}, { additionalProperties: false })

export const NewKeyBody = Type.Object({
  name: KeyNameSchema,
  scopes: ScopesSchema,
  rateLimit: Type.Optional(RateLimitSchema)
}, { additionalProperties: false, examples: [{ name: 'ci-pipeline', scopes: ['prompts:read', 'prompts:write'], rateLimit: { max: 600, windowSeconds: 60 } }] })

export const KeyPatchBody = Type.Object({
  name: Type.Optional(KeyNameSchema),
  scopes: Type.Optional(ScopesSchema),
  rateLimit: Type.Optional(Type.Union([RateLimitSchema, Type.Null()], { description: 'A new budget, or null for the service default.' }))
}, { additionalProperties: false, minProperties: 1, examples: [{ rateLimit: { max: 5, windowSeconds: 60 } }] })

const keyProperties = {
  id: Type.String({ maxLength: 16, examples: ['key_Xq3v9LmN2pQr'] }),
  name: Type.String({ maxLength: 100, examples: ['ci-pipeline'] }),
  prefix: Type.String({ maxLength: 20, description: 'The first characters of the secret, to tell keys apart.', examples: ['psk_a1B2c3'] }),
  scopes: Type.Array(ScopeSchema, { maxItems: SCOPES.length, examples: [['prompts:read', 'prompts:write']] }),
  rateLimit: Type.Object({
    max: Type.Integer({ format: 'int32', minimum: 1, maximum: 1_000_000_000, examples: [600] }),
    windowSeconds: Type.Integer({ format: 'int32', minimum: 1, maximum: 86_400, examples: [60] })
  }, { additionalProperties: false, description: 'The key\'s own budget, or the service default when it has none.' }),
  createdAt: Type.String(TIMESTAMP_BOUNDS),
  revokedAt: Type.Union([Type.String(TIMESTAMP_BOUNDS), Type.Null()], { description: 'When the key was revoked; null while it is live.', examples: [null] })
}

export const KeySchema = Type.Object(keyProperties, { additionalProperties: false, description: 'An API key, without its secret.' })

export const CreatedKeySchema = Type.Object({
  ...keyProperties,
  key: Type.String({ maxLength: 200, description: 'The secret. Shown this once: only its hash is stored.', examples: ['psk_a1B2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v'] })
}, { additionalProperties: false })

export const KeyListSchema = Type.Object({ items: Type.Array(KeySchema, { maxItems: 1_000_000 }) }, { additionalProperties: false })
