// The JSON form of a whole library, as GET /v1/export?format=json answers it and POST /v1/import takes it.
import { Type, type Static } from 'typebox'
import { COUNT_BOUNDS, TIMESTAMP_BOUNDS, VERSION_BOUNDS } from './bounds.js'
import { MAX_TEMPLATE_LENGTH, Tags, Template, VariableDeclarationSchema, Variables } from './prompt-write.js'

const slug = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 100 })

export const ExportedCategorySchema = Type.Object({
  slug,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  parent: Type.Union([slug, Type.Null()])
}, { additionalProperties: false })

export const ExportedVersionSchema = Type.Object({
  version: Type.Integer(VERSION_BOUNDS),
  category: Type.String({ maxLength: 100 }),
  template: Type.String({ maxLength: MAX_TEMPLATE_LENGTH }),
  variables: Type.Array(VariableDeclarationSchema, { maxItems: 1000 }),
  tags: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 }),
  createdBy: Type.String({ maxLength: 200 }),
  createdAt: Type.String({ maxLength: 40 })
}, { additionalProperties: false })

export const ExportedPromptSchema = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 100 }),
  category: slug,
  section: Type.Optional(Type.String({ maxLength: 100 })),
  // The limits of POST /v1/prompts: an import writes through the same checks.
  template: Template,
  variables: Type.Optional(Variables),
  tags: Type.Optional(Tags),
  version: Type.Optional(Type.Integer(VERSION_BOUNDS)),
  createdAt: Type.Optional(Type.String({ maxLength: 40 })),
  updatedAt: Type.Optional(Type.String({ maxLength: 40 })),
  renderCount: Type.Optional(Type.Integer(COUNT_BOUNDS)),
  versions: Type.Optional(Type.Array(ExportedVersionSchema, { maxItems: 1_000_000, description: 'Every version, oldest first (export with history=true). Import does not replay history.' }))
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
