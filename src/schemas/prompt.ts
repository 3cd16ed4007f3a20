// TypeBox schemas of prompts as the API shows them.
import { Type, type Static } from 'typebox'
import { MAX_CHAT_ENTRIES } from '../domain/chat-messages.js'
import { MAX_INCLUDE_VISITS } from '../domain/partials.js'
import { MAX_ENUM_VALUES } from '../domain/variable-types.js'
import { COUNT_BOUNDS, TIMESTAMP_BOUNDS, VERSION_BOUNDS } from './bounds.js'

// The longest template or chat message content (MAX_TEMPLATE_LENGTH of prompt-write.ts, which imports this file).
const MAX_CONTENT_LENGTH = 100_000

export const VariableTypeSchema = Type.Union([Type.Literal('string'), Type.Literal('number'), Type.Literal('integer'), Type.Literal('boolean'), Type.Literal('enum')], {
  description: 'string (the default), number, integer, boolean, or enum (with `enum`). Render checks each value against it.'
})
export const VariableValueSchema = Type.Union([Type.String({ maxLength: 10_000 }), Type.Number(), Type.Boolean()])

export const VariableSchema = Type.Object({
  name: Type.String({ pattern: '^[a-z0-9_]+$', maxLength: 100, examples: ['specific_distributed_transaction'] }),
  description: Type.String({ maxLength: 1000, examples: ['specific distributed transaction'] }),
  examples: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 }),
  required: Type.Boolean(),
  type: Type.Optional(VariableTypeSchema),
  enum: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: MAX_ENUM_VALUES })),
  default: Type.Optional(VariableValueSchema),
  from: Type.Optional(Type.String({ maxLength: 100, description: 'The included prompt this variable comes from; absent for the prompt\'s own.', examples: ['style-guide'] }))
}, { additionalProperties: false })

export const ChatEntryViewSchema = Type.Union([
  Type.Object({ role: Type.Union([Type.Literal('system'), Type.Literal('user'), Type.Literal('assistant')]), content: Type.String({ maxLength: MAX_CONTENT_LENGTH }) }, { additionalProperties: false }),
  Type.Object({ placeholder: Type.String({ maxLength: 100 }) }, { additionalProperties: false })
])

export const PromptSchema = Type.Object({
  id: Type.String({ maxLength: 100, examples: ['sagas-1'] }),
  category: Type.String({ maxLength: 100, description: 'The prompt\'s own category slug.', examples: ['sagas'] }),
  section: Type.String({ maxLength: 100, description: 'The top-level category above it (its own slug when top-level).', examples: ['error-handling-and-sagas'] }),
  type: Type.Optional(Type.Literal('chat', { description: 'Present on chat prompts; a prompt without it is a text prompt.' })),
  template: Type.Optional(Type.String({ maxLength: MAX_CONTENT_LENGTH, description: 'The template of a text prompt.', examples: ['Design a Saga pattern for a {{specific_distributed_transaction}} using Restate, including all compensating actions.'] })),
  messages: Type.Optional(Type.Array(ChatEntryViewSchema, { maxItems: MAX_CHAT_ENTRIES, description: 'The messages of a chat prompt.' })),
  variables: Type.Array(VariableSchema, { maxItems: 1000 }),
  config: Type.Object({}, { additionalProperties: true, description: 'Model settings of this version ({} when none).' }),
  includes: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: MAX_INCLUDE_VISITS, description: 'Ids of the prompts this one includes with {{> id}}; absent when none.' })),
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
