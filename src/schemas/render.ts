// TypeBox schemas of render requests and results.
import { Type } from 'typebox'
import { SLUG_PATTERN } from '../domain/slug.js'
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

export const RenderBodySchema = Type.Object({
  variables: Type.Optional(VariablesSchema),
  version: Type.Optional(Type.Integer({ ...VERSION_BOUNDS, description: 'Render this version instead of the current one.', examples: [1] })),
  label: Type.Optional(Type.String({ pattern: SLUG_PATTERN, maxLength: 50, description: 'Render the version this label points at.', examples: ['production'] })),
  strict: Type.Optional(StrictSchema),
  format: Type.Optional(FormatSchema)
}, { additionalProperties: false, examples: [{ variables: { specific_distributed_transaction: 'hotel booking' } }] })

export const RenderResultSchema = Type.Object({
  id: Type.String({ maxLength: 100, examples: ['sagas-1'] }),
  version: Type.Integer({ ...VERSION_BOUNDS, examples: [1] }),
  text: Type.String({
    maxLength: 100_000,
    description: 'The template with every placeholder filled; values are inserted literally and never expanded again.',
    examples: ['Design a Saga pattern for a hotel booking using Restate, including all compensating actions.']
  }),
  missing: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 10_000, description: 'With strict: false, the variables left as {{name}}. Always empty in a strict render.', examples: [[]] }),
  unused: Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 10_000, description: 'Names sent in variables that the template does not use.', examples: [[]] }),
  messages: Type.Optional(Type.Array(Type.Object({
    role: Type.Literal('user'),
    content: Type.String({ maxLength: 100_000 })
  }, { additionalProperties: false }), { maxItems: 1, description: 'With format: "messages".' }))
}, { additionalProperties: false, description: 'The rendered prompt.' })

export const MAX_BATCH_ITEMS = 50

export const RenderBatchBodySchema = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.String({ minLength: 1, maxLength: 100, description: 'The prompt id; an unknown id is a 404 for this item only.', examples: ['sagas-1'] }),
    variables: Type.Optional(VariablesSchema),
    version: Type.Optional(Type.Integer(VERSION_BOUNDS)),
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'An unknown label is a 404 for this item only.' })),
    strict: Type.Optional(StrictSchema),
    format: Type.Optional(FormatSchema)
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
