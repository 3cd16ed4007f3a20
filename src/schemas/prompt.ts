// TypeBox schemas of prompts as the API shows them.
import { Type, type Static } from 'typebox'
import { COUNT_BOUNDS, TIMESTAMP_BOUNDS, VERSION_BOUNDS } from './bounds.js'

export const VariableSchema = Type.Object({
  name: Type.String({ pattern: '^[a-z0-9_]+$', maxLength: 100, examples: ['specific_distributed_transaction'] }),
  description: Type.String({ maxLength: 1000, examples: ['specific distributed transaction'] }),
  examples: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 }),
  required: Type.Boolean(),
  default: Type.Optional(Type.String({ maxLength: 10_000 }))
}, { additionalProperties: false })

export const PromptSchema = Type.Object({
  id: Type.String({ maxLength: 100, examples: ['sagas-1'] }),
  category: Type.String({ maxLength: 100, description: 'The prompt\'s own category slug.', examples: ['sagas'] }),
  section: Type.String({ maxLength: 100, description: 'The top-level category above it (its own slug when top-level).', examples: ['error-handling-and-sagas'] }),
  template: Type.String({ maxLength: 100_000, examples: ['Design a Saga pattern for a {{specific_distributed_transaction}} using Restate, including all compensating actions.'] }),
  variables: Type.Array(VariableSchema, { maxItems: 1000 }),
  tags: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20, examples: [['sagas']] }),
  version: Type.Integer({ ...VERSION_BOUNDS, examples: [1] }),
  createdAt: Type.String(TIMESTAMP_BOUNDS),
  updatedAt: Type.String(TIMESTAMP_BOUNDS),
  renderCount: Type.Optional(Type.Integer({ ...COUNT_BOUNDS, description: 'How often this version was rendered.' })),
  highlight: Type.Optional(Type.String({ maxLength: 1_000_000, description: 'With q: the template, HTML-escaped, matches wrapped in <mark>.' }))
}, { $id: 'Prompt', additionalProperties: false })

export type PromptView = Static<typeof PromptSchema>
export type VariableView = Static<typeof VariableSchema>

export const PromptListSchema = Type.Object({
  items: Type.Array(Type.Ref('Prompt'), { maxItems: 100 }),
  nextCursor: Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: 'Pass as cursor for the next page; null on the last page.' }),
  facets: Type.Optional(Type.Object({
    categories: Type.Array(Type.Object({ slug: Type.String({ maxLength: 100 }), count: Type.Integer(COUNT_BOUNDS) }), { maxItems: 10_000 })
  })),
  didYouMean: Type.Optional(Type.String({ maxLength: 1000 }))
}, { additionalProperties: false })

export type PromptList = Static<typeof PromptListSchema>
