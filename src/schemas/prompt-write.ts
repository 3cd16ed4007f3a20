// TypeBox schemas of the write routes and of a prompt's history.
import { Type, type TSchema } from 'typebox'
import { SLUG_PATTERN } from '../domain/slug.js'
import { PROMPT_ID_PATTERN } from '../domain/prompt-id.js'

export const TAG_PATTERN = '^[a-z0-9][a-z0-9-]*$'
export const MAX_TEMPLATE_LENGTH = 100_000

const SAGAS_TEMPLATE = 'Design a Saga pattern for a {{specific_distributed_transaction}} using Restate, including all compensating actions.'

export const Template = Type.String({ minLength: 1, maxLength: MAX_TEMPLATE_LENGTH, description: 'Text with {{name}} placeholders (a-z, 0-9, _), at most 100,000 characters.', examples: [SAGAS_TEMPLATE] })
const Category = Type.String({ pattern: SLUG_PATTERN, maxLength: 100, description: 'Slug of an existing category.', examples: ['sagas'] })
export const Tags = Type.Array(Type.String({ pattern: TAG_PATTERN, maxLength: 50 }), { maxItems: 20, description: 'At most 20 tags of a-z, 0-9 and -, each at most 50 characters.', examples: [['sagas', 'error-handling']] })

export const VariableDeclarationSchema = Type.Object({
  name: Type.String({ pattern: '^[a-z0-9_]+$', maxLength: 100, description: 'A placeholder the template uses.', examples: ['specific_distributed_transaction'] }),
  description: Type.Optional(Type.String({ maxLength: 1000, examples: ['specific distributed transaction'] })),
  examples: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20, examples: [['hotel booking', 'money transfer']] })),
  required: Type.Optional(Type.Boolean({ description: 'Default true.' })),
  default: Type.Optional(Type.String({ maxLength: 10_000, description: 'Used when rendering without a value.' }))
}, { additionalProperties: false })

export const Variables = Type.Array(VariableDeclarationSchema, { maxItems: 100, description: 'Descriptions of the template\'s placeholders; each name must appear in the template.' })

export const CreatePromptBody = Type.Object({
  id: Type.Optional(Type.String({ pattern: PROMPT_ID_PATTERN, maxLength: 100, description: 'a-z, 0-9 and single hyphens, at most 100 characters. Default: <category>-<n>, the next free n.', examples: ['sagas-6'] })),
  category: Category,
  template: Template,
  tags: Type.Optional(Tags),
  variables: Type.Optional(Variables)
}, {
  additionalProperties: false,
  examples: [{ category: 'sagas', template: SAGAS_TEMPLATE, tags: ['sagas'], variables: [{ name: 'specific_distributed_transaction', description: 'specific distributed transaction', examples: ['hotel booking'] }] }]
})

export const PatchPromptBody = Type.Object({
  category: Type.Optional(Category),
  template: Type.Optional(Template),
  tags: Type.Optional(Tags),
  variables: Type.Optional(Variables)
}, {
  additionalProperties: false,
  minProperties: 1,
  description: 'The fields to change; those left out keep their value. id, version and timestamps are read-only.',
  examples: [{ template: 'Design a Saga pattern for a {{specific_distributed_transaction}} using Restate, listing every compensating action.' }]
})

export const LabelBody = Type.Object({
  version: Type.Integer({ minimum: 1, description: 'The version the label points at.', examples: [2] })
}, { additionalProperties: false })

export const LabelParams = Type.Object({
  id: Type.String({ pattern: PROMPT_ID_PATTERN, maxLength: 100, examples: ['sagas-1'] }),
  label: Type.String({ pattern: SLUG_PATTERN, maxLength: 50, description: 'A slug: production, staging, …', examples: ['production'] })
}, { additionalProperties: false })

export const VersionParams = Type.Object({
  id: Type.String({ pattern: PROMPT_ID_PATTERN, maxLength: 100, examples: ['sagas-1'] }),
  version: Type.Integer({ minimum: 1, examples: [1] })
}, { additionalProperties: false })

export const LabelSchema = Type.Object({
  label: Type.String({ examples: ['production'] }),
  version: Type.Integer({ examples: [2] }),
  updatedAt: Type.String({ format: 'date-time' })
}, { additionalProperties: false })

const StoredVariable = Type.Object({
  name: Type.String(),
  description: Type.String(),
  examples: Type.Array(Type.String()),
  required: Type.Boolean(),
  default: Type.Optional(Type.String())
}, { additionalProperties: false })

export const VersionSchema = Type.Object({
  id: Type.String({ examples: ['sagas-1'] }),
  version: Type.Integer({ minimum: 1, examples: [2] }),
  category: Type.String({ examples: ['sagas'] }),
  template: Type.String({ examples: [SAGAS_TEMPLATE] }),
  variables: Type.Array(StoredVariable),
  tags: Type.Array(Type.String(), { examples: [['sagas']] }),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.String({ description: 'Name of the API key that made this version ("seed" for the seeded library).', examples: ['seed'] }),
  labels: Type.Array(Type.String(), { description: 'Labels pointing at this version.', examples: [['production']] })
}, { additionalProperties: false })

export const VersionPageSchema = Type.Object({
  items: Type.Array(VersionSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as cursor for older versions; null on the last page.' })
}, { additionalProperties: false })

const NameChanges = Type.Object({ added: Type.Array(Type.String()), removed: Type.Array(Type.String()) }, { additionalProperties: false })

export const DiffSchema = Type.Object({
  id: Type.String({ examples: ['sagas-1'] }),
  from: Type.Integer({ examples: [1] }),
  to: Type.Integer({ examples: [2] }),
  changes: Type.Array(Type.Object({
    op: Type.Union([Type.Literal('equal'), Type.Literal('added'), Type.Literal('removed')]),
    text: Type.String()
  }, { additionalProperties: false }), {
    description: 'The template\'s text, word by word: joining equal+removed gives `from`, equal+added gives `to`.',
    examples: [[{ op: 'equal', text: 'Design a Saga pattern for a {{specific_distributed_transaction}} using Restate, ' }, { op: 'removed', text: 'including all' }, { op: 'added', text: 'listing every' }, { op: 'equal', text: ' compensating actions.' }]]
  }),
  variables: NameChanges,
  tags: NameChanges,
  category: Type.Object({ from: Type.String(), to: Type.String() }, { additionalProperties: false })
}, { additionalProperties: false })

/** An OpenAPI response entry with headers and a JSON body. */
export function jsonResponse (description: string, schema: TSchema, headers: Record<string, string> = {}): TSchema {
  return {
    description,
    headers: Object.fromEntries(Object.entries(headers).map(([name, text]) => [name, { schema: { type: 'string' }, description: text }])),
    content: { 'application/json': { schema } }
  } as unknown as TSchema
}
