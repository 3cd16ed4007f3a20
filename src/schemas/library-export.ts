// The JSON form of a whole library, as GET /v1/export?format=json answers it and POST /v1/import takes it.
import { Type, type Static } from 'typebox'
import { MAX_CHAT_ENTRIES } from '../domain/chat-messages.js'
import { MAX_INCLUDE_VISITS } from '../domain/partials.js'
import { MAX_SPLITS } from '../domain/traffic-split.js'
import { MAX_PROMPT_ID_LENGTH, PROMPT_ID_PATTERN } from '../domain/prompt-id.js'
import { SLUG_PATTERN } from '../domain/slug.js'
import { ChatEntryViewSchema } from './prompt.js'
import { CommitMessage, ConfigSchema, Messages, PromptTypeSchema, Tags, Template, VariableDeclarationSchema, Variables } from './prompt-write.js'
import { COUNT_BOUNDS, TIMESTAMP_BOUNDS, VERSION_BOUNDS } from './bounds.js'
import { MAX_TEMPLATE_LENGTH } from './prompt-write.js'

const slug = Type.String({ pattern: SLUG_PATTERN, maxLength: 100 })

export const ExportedCategorySchema = Type.Object({
  slug,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  parent: Type.Union([slug, Type.Null()])
}, { additionalProperties: false })

export const ExportedVersionSchema = Type.Object({
  version: Type.Integer(VERSION_BOUNDS),
  category: Type.String({ maxLength: 100 }),
  type: Type.Optional(Type.Literal('chat')),
  template: Type.Optional(Type.String({ maxLength: MAX_TEMPLATE_LENGTH })),
  messages: Type.Optional(Type.Array(ChatEntryViewSchema, { maxItems: MAX_CHAT_ENTRIES })),
  includes: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: MAX_INCLUDE_VISITS })),
  variables: Type.Array(VariableDeclarationSchema, { maxItems: 1000 }),
  tags: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 }),
  config: Type.Optional(Type.Object({}, { additionalProperties: true })),
  createdBy: Type.String({ maxLength: 200 }),
  createdAt: Type.String({ maxLength: 40 }),
  message: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()]))
}, { additionalProperties: false })

const ExportedSplits = Type.Array(Type.Object({ version: Type.Integer(VERSION_BOUNDS), weight: Type.Integer({ format: 'int32', minimum: 1, maximum: 100 }) }), { maxItems: MAX_SPLITS })
const ExportedTarget = Type.Union([Type.Object({ version: Type.Integer(VERSION_BOUNDS) }), Type.Object({ splits: ExportedSplits }), Type.Null()])

export const ExportedLabelSchema = Type.Object({
  label: Type.String({ maxLength: 50 }),
  version: Type.Integer(VERSION_BOUNDS),
  splits: Type.Union([ExportedSplits, Type.Null()]),
  updatedAt: Type.String({ maxLength: 40 }),
  updatedBy: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  history: Type.Array(Type.Object({ from: ExportedTarget, to: ExportedTarget, by: Type.String({ maxLength: 200 }), at: Type.String({ maxLength: 40 }), reason: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]) }), { maxItems: 1_000_000 })
})

export const ExportedPromptSchema = Type.Object({
  id: Type.String({ pattern: PROMPT_ID_PATTERN, maxLength: MAX_PROMPT_ID_LENGTH }),
  category: slug,
  section: Type.Optional(Type.String({ maxLength: 100 })),
  // The limits of POST /v1/prompts: an import writes through the same checks.
  type: Type.Optional(PromptTypeSchema),
  template: Type.Optional(Template),
  messages: Type.Optional(Messages),
  includes: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 1000, description: 'What the content includes; read from the content, so an import ignores it.' })),
  variables: Type.Optional(Variables),
  tags: Type.Optional(Tags),
  config: Type.Optional(ConfigSchema),
  message: Type.Optional(CommitMessage),
  version: Type.Optional(Type.Integer(VERSION_BOUNDS)),
  createdAt: Type.Optional(Type.String({ maxLength: 40 })),
  updatedAt: Type.Optional(Type.String({ maxLength: 40 })),
  renderCount: Type.Optional(Type.Integer(COUNT_BOUNDS)),
  versions: Type.Optional(Type.Array(ExportedVersionSchema, { maxItems: 1_000_000, description: 'Every version, oldest first (export with history=true). Import does not replay history.' })),
  labels: Type.Optional(Type.Array(ExportedLabelSchema, { maxItems: 10_000, description: 'The prompt\'s labels with their history (newest first); present when it has any. Import does not replay labels.' }))
}, { additionalProperties: false })

export const LibraryExportSchema = Type.Object({
  format: Type.Literal('promptshelf-library'),
  formatVersion: Type.Literal(1),
  exportedAt: Type.Optional(Type.String({ maxLength: 40 })),
  document: Type.Optional(Type.Object({
    preamble: Type.String({ maxLength: 100_000, description: 'Text before the first section (title, introduction).' }),
    closing: Type.String({ maxLength: 100_000, description: 'Text after the last prompt block.' })
  }, { additionalProperties: false })),
  categories: Type.Array(ExportedCategorySchema, { maxItems: 10_000 }),
  prompts: Type.Array(ExportedPromptSchema, { maxItems: 100_000 })
}, { $id: 'LibraryExport', additionalProperties: false })

export type LibraryExport = Static<typeof LibraryExportSchema>
export type ExportedPrompt = Static<typeof ExportedPromptSchema>
export type ExportedLabel = Static<typeof ExportedLabelSchema>
