// TypeBox schemas of render requests and results.
import { Type } from 'typebox'
import { MAX_CHAT_ENTRIES, MAX_PLACEHOLDER_MESSAGES } from '../domain/chat-messages.js'
import { SLUG_PATTERN } from '../domain/slug.js'
import { ChatMessageSchema } from './prompt-write.js'
import { SubjectSchema } from './label.js'
import { VERSION_BOUNDS } from './bounds.js'

const VALUE_RULES = 'Each value is a string (at most 10,000 characters), a number or a boolean; numbers and booleans are ' +
  'inserted as JSON writes them. Objects, arrays and null are a 400 naming the field (#/variables/<name>), as is a value over ' +
  '10,000 characters: the limit is a property of the input alone, like any other field length, so it is a 400 and not a 422. ' +
  'At most 100 variables. Names the template does not use are listed in `unused`; any name, __proto__ included, is an ordinary name.'

export const VariablesSchema = Type.Object({}, {
  additionalProperties: true,
  description: 'Values by variable name. ' + VALUE_RULES,
  examples: [{ specific_distributed_transaction: 'hotel booking' }]
})

const StrictSchema = Type.Boolean({
  default: true,
  description: 'true: a required variable without a value or default is a 422 listing every such name in `missing`. ' +
    'false: its placeholder stays in the text as {{name}} and is listed in `missing`.'
})

const FormatSchema = Type.Union([Type.Literal('text'), Type.Literal('messages')], {
  default: 'text',
  description: '"messages" adds `messages: [{ role: "user", content }]`, the shape chat-completion APIs take.'
})

const PlaceholdersSchema = Type.Record(Type.String({ maxLength: 100 }), Type.Array(ChatMessageSchema, { maxItems: MAX_PLACEHOLDER_MESSAGES }), {
  maxProperties: 100,
  description: `For a chat prompt: the messages (at most ${MAX_PLACEHOLDER_MESSAGES} each) that take the place of each { placeholder } entry, ` +
    'inserted as they are (never parsed). Strict and a placeholder without messages is a 422 listing it in `missing`.',
  examples: [{ history: [{ role: 'user', content: 'Book a hotel in Oslo' }, { role: 'assistant', content: 'For which dates?' }] }]
})

const ChatMessageResult = Type.Object({
  role: Type.Union([Type.Literal('system'), Type.Literal('user'), Type.Literal('assistant')]),
  content: Type.String({ maxLength: 100_000 })
}, { additionalProperties: false })

export const RenderBodySchema = Type.Object({
  variables: Type.Optional(VariablesSchema),
  version: Type.Optional(Type.Integer({ ...VERSION_BOUNDS, description: 'Render this version instead of the current one.', examples: [1] })),
  label: Type.Optional(Type.String({ pattern: SLUG_PATTERN, maxLength: 50, description: 'Render the version this label points at.', examples: ['production'] })),
  subject: Type.Optional(SubjectSchema),
  strict: Type.Optional(StrictSchema),
  format: Type.Optional(FormatSchema),
  placeholders: Type.Optional(PlaceholdersSchema)
}, {
  additionalProperties: false,
  examples: [
    { variables: { specific_distributed_transaction: 'hotel booking' } },
    { variables: { tone: 'thorough', transaction: 'hotel booking' }, placeholders: { history: [{ role: 'user', content: 'Here is my saga.' }] } }
  ]
})

export const RenderResultSchema = Type.Object({
  id: Type.String({ maxLength: 100, examples: ['sagas-1'] }),
  version: Type.Integer({ ...VERSION_BOUNDS, examples: [1] }),
  type: Type.Optional(Type.Literal('chat', { description: 'A chat prompt\'s render: messages instead of text.' })),
  text: Type.Optional(Type.String({
    maxLength: 100_000,
    description: 'The template with every placeholder filled; values are inserted literally and never expanded again.',
    examples: ['Design a Saga pattern for a hotel booking using Restate, including all compensating actions.']
  })),
  missing: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 10_000, description: 'With strict: false, the variables left as {{name}}. Always empty in a strict render.', examples: [[]] }),
  unused: Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 10_000, description: 'Names sent in variables that the template does not use.', examples: [[]] }),
  messages: Type.Optional(Type.Array(ChatMessageResult, {
    // Each { placeholder } entry of a chat prompt becomes at most MAX_PLACEHOLDER_MESSAGES messages.
    maxItems: MAX_CHAT_ENTRIES * MAX_PLACEHOLDER_MESSAGES,
    description: 'A chat prompt\'s messages, filled, with each placeholder\'s messages in its place; for a text prompt with format: "messages", one user message.'
  })),
  config: Type.Object({}, { additionalProperties: true, description: 'The version\'s config ({} when none).' })
}, {
  additionalProperties: false,
  description: 'The rendered prompt: text for a text prompt, messages (and type: "chat") for a chat prompt.',
  examples: [
    { id: 'sagas-1', version: 1, text: 'Design a Saga pattern for a hotel booking using Restate, including all compensating actions.', missing: [], unused: [], config: {} },
    {
      id: 'saga-reviewer',
      version: 1,
      type: 'chat',
      messages: [
        { role: 'system', content: 'You review Restate sagas. Answer in a thorough tone. Use the Restate Go SDK, name every compensation, and keep answers under 300 words.' },
        { role: 'user', content: 'Here is my saga.' },
        { role: 'user', content: 'Review this saga for hotel booking.' }
      ],
      config: { model: 'gpt-4o', temperature: 0.2 },
      missing: [],
      unused: []
    }
  ]
})

export const MAX_BATCH_ITEMS = 50

export const RenderBatchBodySchema = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.String({ minLength: 1, maxLength: 100, description: 'The prompt id; an unknown id is a 404 for this item only.', examples: ['sagas-1'] }),
    variables: Type.Optional(VariablesSchema),
    version: Type.Optional(Type.Integer(VERSION_BOUNDS)),
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'An unknown label is a 404 for this item only.' })),
    subject: Type.Optional(SubjectSchema),
    strict: Type.Optional(StrictSchema),
    format: Type.Optional(FormatSchema),
    placeholders: Type.Optional(PlaceholdersSchema)
  }, { additionalProperties: false }), { minItems: 1, maxItems: MAX_BATCH_ITEMS, description: `1 to ${MAX_BATCH_ITEMS} renders.` })
}, {
  additionalProperties: false,
  examples: [{ items: [{ id: 'sagas-1', variables: { specific_distributed_transaction: 'hotel booking' } }, { id: 'sagas-9', variables: {} }] }]
})

export const RenderBatchResultSchema = Type.Object({
  results: Type.Array(Type.Union([
    Type.Object({
      status: Type.Literal(200),
      result: RenderResultSchema
    }, { additionalProperties: false }),
    Type.Object({
      status: Type.Integer({ format: 'int32', minimum: 400, maximum: 599, examples: [404] }),
      problem: Type.Ref('Problem')
    }, { additionalProperties: false })
  ]), { maxItems: MAX_BATCH_ITEMS, description: 'One entry per item, in the order of items.' })
}, { additionalProperties: false, description: 'One result per item, each with its own status.' })
