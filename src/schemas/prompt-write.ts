// TypeBox schemas of the write routes and of a prompt's history.
import { Type, type TSchema } from 'typebox'
import { MAX_CHAT_ENTRIES } from '../domain/chat-messages.js'
import { MAX_INCLUDE_VISITS } from '../domain/partials.js'
import { MAX_CONFIG_BYTES, MAX_CONFIG_DEPTH } from '../domain/prompt-config.js'
import { SLUG_PATTERN } from '../domain/slug.js'
import { MAX_ENUM_VALUES } from '../domain/variable-types.js'
import { PROMPT_ID_PATTERN } from '../domain/prompt-id.js'
import { ChatEntryViewSchema, VariableSchema, VariableTypeSchema } from './prompt.js'
import { TIMESTAMP_BOUNDS, VERSION_BOUNDS } from './bounds.js'

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
  type: Type.Optional(VariableTypeSchema),
  enum: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: MAX_ENUM_VALUES, description: `The values of an enum variable: 1 to ${MAX_ENUM_VALUES}.`, examples: [['formal', 'casual']] })),
  default: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Number(), Type.Boolean()], {
    description: 'Used when rendering without a value; it must fit the type (a number for number, true or false for boolean, one of enum).'
  }))
}, { additionalProperties: false })

export const ChatMessageSchema = Type.Object({
  role: Type.Union([Type.Literal('system'), Type.Literal('user'), Type.Literal('assistant')]),
  content: Type.String({ maxLength: MAX_TEMPLATE_LENGTH, description: 'A template, like a text prompt\'s, at most 100,000 characters.' })
}, { additionalProperties: false })

const ChatPlaceholderSchema = Type.Object({
  placeholder: Type.String({ pattern: '^[a-z0-9_]+$', maxLength: 100, description: 'Replaced at render by the messages sent in `placeholders` under this name.', examples: ['history'] })
}, { additionalProperties: false })

export const Messages = Type.Array(Type.Union([ChatMessageSchema, ChatPlaceholderSchema]), {
  minItems: 1,
  maxItems: MAX_CHAT_ENTRIES,
  description: `The messages of a chat prompt, in order: { role: system | user | assistant, content } and { placeholder } entries, 1 to ${MAX_CHAT_ENTRIES}.`
})

export const PromptTypeSchema = Type.Union([Type.Literal('text'), Type.Literal('chat')], { description: '"text" (the default: the prompt has template) or "chat" (it has messages).' })
export const ConfigSchema = Type.Object({}, {
  additionalProperties: true,
  description: `Model settings kept with the version: any JSON object up to ${MAX_CONFIG_BYTES} bytes and ${MAX_CONFIG_DEPTH} levels deep. A change makes a new version.`,
  examples: [{ model: 'gpt-4o', temperature: 0.2 }]
})
export const CommitMessage = Type.String({ minLength: 1, maxLength: 500, description: 'Why this version was made, kept on it (at most 500 characters).', examples: ['List every compensating action'] })

export const Variables = Type.Array(VariableDeclarationSchema, { maxItems: 100, description: 'Descriptions of the template\'s placeholders; each name must appear in the template.' })

export const CreatePromptBody = Type.Object({
  id: Type.Optional(Type.String({ pattern: PROMPT_ID_PATTERN, maxLength: 100, description: 'a-z, 0-9 and single hyphens, at most 100 characters. Default: <category>-<n>, the next free n.', examples: ['sagas-6'] })),
  category: Category,
  type: Type.Optional(PromptTypeSchema),
  template: Type.Optional(Template),
  messages: Type.Optional(Messages),
  tags: Type.Optional(Tags),
  variables: Type.Optional(Variables),
  config: Type.Optional(ConfigSchema),
  message: Type.Optional(CommitMessage)
}, {
  description: 'A text prompt sends template; a chat prompt sends type: "chat" and messages.',
  additionalProperties: false,
  examples: [
    { category: 'sagas', template: SAGAS_TEMPLATE, tags: ['sagas'], variables: [{ name: 'specific_distributed_transaction', description: 'specific distributed transaction', examples: ['hotel booking'] }] },
    {
      id: 'saga-reviewer',
      category: 'sagas',
      type: 'chat',
      messages: [
        { role: 'system', content: 'You review Restate sagas. Answer in a {{tone}} tone. {{> restate-house-style}}' },
        { placeholder: 'history' },
        { role: 'user', content: 'Review this saga for {{transaction}}.' }
      ],
      variables: [{ name: 'tone', type: 'enum', enum: ['brief', 'thorough'], default: 'brief' }],
      config: { model: 'gpt-4o', temperature: 0.2 },
      message: 'First reviewer prompt'
    },
    {
      id: 'restate-house-style',
      category: 'sagas',
      template: 'Use the Restate Go SDK, name every compensation, and keep answers under {{max_words}} words.',
      variables: [{ name: 'max_words', type: 'integer', default: 300 }],
      message: 'A partial that other prompts include with {{> restate-house-style}}'
    }
  ]
})

export const PatchPromptBody = Type.Object({
  category: Type.Optional(Category),
  type: Type.Optional(PromptTypeSchema),
  template: Type.Optional(Template),
  messages: Type.Optional(Messages),
  tags: Type.Optional(Tags),
  variables: Type.Optional(Variables),
  config: Type.Optional(ConfigSchema),
  message: Type.Optional(CommitMessage)
}, {
  additionalProperties: false,
  minProperties: 1,
  description: 'The fields to change; those left out keep their value. id, version and timestamps are read-only.',
  examples: [{ template: 'Design a Saga pattern for a {{specific_distributed_transaction}} using Restate, listing every compensating action.' }]
})

export const LabelParams = Type.Object({
  id: Type.String({ pattern: PROMPT_ID_PATTERN, maxLength: 100, examples: ['sagas-1'] }),
  label: Type.String({ pattern: SLUG_PATTERN, maxLength: 50, description: 'A slug: production, staging, …', examples: ['production'] })
}, { additionalProperties: false })

export const VersionParams = Type.Object({
  id: Type.String({ pattern: PROMPT_ID_PATTERN, maxLength: 100, examples: ['sagas-1'] }),
  version: Type.Integer({ ...VERSION_BOUNDS, examples: [1] })
}, { additionalProperties: false })


export const VersionSchema = Type.Object({
  id: Type.String({ maxLength: 100, examples: ['sagas-1'] }),
  version: Type.Integer({ ...VERSION_BOUNDS, examples: [2] }),
  category: Type.String({ maxLength: 100, examples: ['sagas'] }),
  type: Type.Optional(Type.Literal('chat', { description: 'Present on a chat prompt\'s versions.' })),
  template: Type.Optional(Type.String({ maxLength: MAX_TEMPLATE_LENGTH, description: 'The template of a text prompt.', examples: [SAGAS_TEMPLATE] })),
  messages: Type.Optional(Type.Array(ChatEntryViewSchema, { maxItems: MAX_CHAT_ENTRIES, description: 'The messages of a chat prompt.' })),
  variables: Type.Array(VariableSchema, { maxItems: 1000 }),
  includes: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: MAX_INCLUDE_VISITS, description: 'Ids of the prompts this version includes; absent when none.' })),
  tags: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20, examples: [['sagas']] }),
  config: Type.Object({}, { additionalProperties: true, description: 'Model settings of this version ({} when none).', examples: [{ model: 'gpt-4o', temperature: 0.2 }] }),
  createdAt: Type.String(TIMESTAMP_BOUNDS),
  createdBy: Type.String({ maxLength: 200, description: 'Name of the API key that made this version ("seed" for the seeded library).', examples: ['seed'] }),
  message: Type.Union([Type.String({ maxLength: 500 }), Type.Null()], { description: 'The commit message sent with the write that made this version; null when none.', examples: ['List every compensating action'] }),
  labels: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 10_000, description: 'Labels pointing at this version.', examples: [['production']] })
}, { additionalProperties: false })

export const VersionPageSchema = Type.Object({
  items: Type.Array(VersionSchema, { maxItems: 100 }),
  nextCursor: Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: 'Pass as cursor for older versions; null on the last page.' })
}, { additionalProperties: false })

const NameChanges = Type.Object({ added: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 1000 }), removed: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 1000 }) }, { additionalProperties: false })

export const DiffSchema = Type.Object({
  id: Type.String({ maxLength: 100, examples: ['sagas-1'] }),
  from: Type.Integer({ ...VERSION_BOUNDS, examples: [1] }),
  to: Type.Integer({ ...VERSION_BOUNDS, examples: [2] }),
  changes: Type.Array(Type.Object({
    op: Type.Union([Type.Literal('equal'), Type.Literal('added'), Type.Literal('removed')]),
    text: Type.String({ maxLength: MAX_TEMPLATE_LENGTH })
  }, { additionalProperties: false }), {
    maxItems: 200_000,
    description: 'The template\'s text, word by word: joining equal+removed gives `from`, equal+added gives `to`.',
    examples: [[{ op: 'equal', text: 'Design a Saga pattern for a {{specific_distributed_transaction}} using Restate, ' }, { op: 'removed', text: 'including all' }, { op: 'added', text: 'listing every' }, { op: 'equal', text: ' compensating actions.' }]]
  }),
  variables: NameChanges,
  tags: NameChanges,
  category: Type.Object({ from: Type.String({ maxLength: 100 }), to: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
  config: Type.Object({
    changed: Type.Boolean(),
    from: Type.Object({}, { additionalProperties: true }),
    to: Type.Object({}, { additionalProperties: true })
  }, { additionalProperties: false, description: 'The config of both versions; changed is false when they are equal (key order aside).' }),
  message: Type.Union([Type.String({ maxLength: 500 }), Type.Null()], { description: 'The commit message of the `to` version.' })
}, { additionalProperties: false })

/** An OpenAPI response entry with headers and a JSON body. */
export function jsonResponse (description: string, schema: TSchema, headers: Record<string, string> = {}): TSchema {
  return {
    description,
    // @fastify/swagger wraps each header's schema in { schema } itself.
    headers: Object.fromEntries(Object.entries(headers).map(([name, text]) => [name, { type: 'string', maxLength: 1000, description: text }])),
    content: { 'application/json': { schema } }
  } as unknown as TSchema
}
