// The JSON form of a whole library, as GET /v1/export?format=json answers it and POST /v1/import takes it.
import { Type, type Static } from 'typebox'
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
  version: Type.Integer({ minimum: 1 }),
  category: Type.String(),
  type: Type.Optional(Type.Literal('chat')),
  template: Type.Optional(Type.String()),
  messages: Type.Optional(Type.Array(ChatEntryViewSchema)),
  includes: Type.Optional(Type.Array(Type.String())),
  variables: Type.Array(VariableDeclarationSchema),
  tags: Type.Array(Type.String()),
  config: Type.Optional(Type.Object({}, { additionalProperties: true })),
  createdBy: Type.String(),
  createdAt: Type.String(),
  message: Type.Optional(Type.Union([Type.String(), Type.Null()]))
}, { additionalProperties: false })

const ExportedTarget = Type.Union([Type.Object({ version: Type.Integer() }), Type.Object({ splits: Type.Array(Type.Object({ version: Type.Integer(), weight: Type.Integer() })) }), Type.Null()])

export const ExportedLabelSchema = Type.Object({
  label: Type.String({ maxLength: 50 }),
  version: Type.Integer({ minimum: 1 }),
  splits: Type.Union([Type.Array(Type.Object({ version: Type.Integer(), weight: Type.Integer() })), Type.Null()]),
  updatedAt: Type.String(),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  history: Type.Array(Type.Object({ from: ExportedTarget, to: ExportedTarget, by: Type.String(), at: Type.String(), reason: Type.Union([Type.String(), Type.Null()]) }))
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
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  createdAt: Type.Optional(Type.String()),
  updatedAt: Type.Optional(Type.String()),
  renderCount: Type.Optional(Type.Integer()),
  versions: Type.Optional(Type.Array(ExportedVersionSchema, { description: 'Every version, oldest first (export with history=true). Import does not replay history.' })),
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
