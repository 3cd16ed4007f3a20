// The JSON form of a whole library, as GET /v1/export?format=json answers it and POST /v1/import takes it.
import { Type, type Static } from 'typebox'
import { MAX_PROMPT_ID_LENGTH, PROMPT_ID_PATTERN } from '../domain/prompt-id.js'
import { SLUG_PATTERN } from '../domain/slug.js'
import { Tags, Template, VariableDeclarationSchema, Variables } from './prompt-write.js'

const slug = Type.String({ pattern: SLUG_PATTERN, maxLength: 100 })

export const ExportedCategorySchema = Type.Object({
  slug,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  parent: Type.Union([slug, Type.Null()])
}, { additionalProperties: false })

export const ExportedVersionSchema = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  category: Type.String(),
  template: Type.String(),
  variables: Type.Array(VariableDeclarationSchema),
  tags: Type.Array(Type.String()),
  createdBy: Type.String(),
  createdAt: Type.String()
}, { additionalProperties: false })

export const ExportedPromptSchema = Type.Object({
  id: Type.String({ pattern: PROMPT_ID_PATTERN, maxLength: MAX_PROMPT_ID_LENGTH }),
  category: slug,
  section: Type.Optional(Type.String()),
  // The limits of POST /v1/prompts: an import writes through the same checks.
  template: Template,
  variables: Type.Optional(Variables),
  tags: Type.Optional(Tags),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  createdAt: Type.Optional(Type.String()),
  updatedAt: Type.Optional(Type.String()),
  renderCount: Type.Optional(Type.Integer()),
  versions: Type.Optional(Type.Array(ExportedVersionSchema, { description: 'Every version, oldest first (export with history=true). Import does not replay history.' }))
}, { additionalProperties: false })

export const LibraryExportSchema = Type.Object({
  format: Type.Literal('promptshelf-library'),
  formatVersion: Type.Literal(1),
  exportedAt: Type.Optional(Type.String()),
  document: Type.Optional(Type.Object({
    preamble: Type.String({ maxLength: 100_000, description: 'Text before the first section (title, introduction).' }),
    closing: Type.String({ maxLength: 100_000, description: 'Text after the last prompt block.' })
  }, { additionalProperties: false })),
  categories: Type.Array(ExportedCategorySchema, { maxItems: 10_000 }),
  prompts: Type.Array(ExportedPromptSchema, { maxItems: 100_000 })
}, { $id: 'LibraryExport', additionalProperties: false })

export type LibraryExport = Static<typeof LibraryExportSchema>
export type ExportedPrompt = Static<typeof ExportedPromptSchema>
