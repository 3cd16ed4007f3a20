// TypeBox schemas of prompts as the API shows them.
import { Type, type Static } from 'typebox'

export const VariableSchema = Type.Object({
  name: Type.String({ pattern: '^[a-z0-9_]+$', examples: ['specific_distributed_transaction'] }),
  description: Type.String({ examples: ['specific distributed transaction'] }),
  examples: Type.Array(Type.String()),
  required: Type.Boolean(),
  default: Type.Optional(Type.String())
}, { additionalProperties: false })

export const PromptSchema = Type.Object({
  id: Type.String({ examples: ['sagas-1'] }),
  category: Type.String({ description: 'The prompt\'s own category slug.', examples: ['sagas'] }),
  section: Type.String({ description: 'The top-level category above it (its own slug when top-level).', examples: ['error-handling-and-sagas'] }),
  template: Type.String({ examples: ['Design a Saga pattern for a {{specific_distributed_transaction}} using Restate, including all compensating actions.'] }),
  variables: Type.Array(VariableSchema),
  tags: Type.Array(Type.String(), { examples: [['sagas']] }),
  version: Type.Integer({ minimum: 1, examples: [1] }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  renderCount: Type.Optional(Type.Integer({ minimum: 0, description: 'How often this version was rendered.' })),
  highlight: Type.Optional(Type.String({ description: 'With q: the template, HTML-escaped, matches wrapped in <mark>.' }))
}, { $id: 'Prompt', additionalProperties: false })

export type PromptView = Static<typeof PromptSchema>
export type VariableView = Static<typeof VariableSchema>

export const PromptListSchema = Type.Object({
  items: Type.Array(Type.Ref('Prompt')),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as cursor for the next page; null on the last page.' }),
  facets: Type.Optional(Type.Object({
    categories: Type.Array(Type.Object({ slug: Type.String(), count: Type.Integer() }))
  })),
  didYouMean: Type.Optional(Type.String())
}, { additionalProperties: false })

export type PromptList = Static<typeof PromptListSchema>
