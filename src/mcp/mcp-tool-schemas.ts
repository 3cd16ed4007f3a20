// Input and output schemas of the MCP tools, as plain JSON Schema. Outputs are the REST answers' own TypeBox
// schemas with every $ref written out, since an MCP client compiles each outputSchema on its own.
import { Type, type TSchema } from 'typebox'
import { MAX_QUERY_LENGTH } from '../domain/search-query.js'
import { SLUG_PATTERN } from '../domain/slug.js'
import { PROMPT_ID_PATTERN } from '../domain/prompt-id.js'
import { CategoryListSchema } from '../schemas/category.js'
import { PromptListSchema, PromptSchema } from '../schemas/prompt.js'
import { RenderResultSchema } from '../schemas/render.js'

type JsonSchema = Record<string, unknown>

const Id = Type.String({ pattern: PROMPT_ID_PATTERN, maxLength: 100, description: 'The prompt id, as prompts/list names it (sagas-1).' })
const Version = Type.Integer({ minimum: 1, description: 'A version number instead of the current version.' })
const Label = Type.String({ pattern: SLUG_PATTERN, maxLength: 50, description: 'The version a label points at (production) instead of the current one.' })

export const SearchInput = Type.Object({
  query: Type.String({ minLength: 1, maxLength: MAX_QUERY_LENGTH, description: 'Words to look for in the templates, e.g. "saga compensation".' }),
  category: Type.Optional(Type.String({ pattern: SLUG_PATTERN, maxLength: 100, description: 'A category slug from list_categories; includes the categories below it.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'How many prompts, 1 to 100 (default 20).' }))
}, { additionalProperties: false })

export const GetInput = Type.Object({
  id: Id,
  version: Type.Optional(Version),
  label: Type.Optional(Label)
}, { additionalProperties: false })

export const RenderInput = Type.Object({
  id: Id,
  variables: Type.Record(Type.String({ maxLength: 200 }), Type.Union([Type.String(), Type.Number(), Type.Boolean()]), {
    description: 'A value for each variable by name (get_prompt lists them); strings, numbers or booleans.'
  }),
  label: Type.Optional(Label),
  version: Type.Optional(Version)
}, { additionalProperties: false })

export const ListCategoriesInput = Type.Object({}, { additionalProperties: false })

/** The schema as JSON, without TypeBox's own members, its $id dropped and each { $ref: name } replaced by the schema. */
function plain (schema: TSchema, refs: Record<string, TSchema> = {}): JsonSchema {
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve)
    if (typeof node !== 'object' || node === null) return node
    const ref = (node as { $ref?: unknown }).$ref
    if (typeof ref === 'string' && refs[ref]) return resolve(refs[ref])
    const out: JsonSchema = {}
    for (const [key, value] of Object.entries(node)) if (key !== '$id') out[key] = resolve(value)
    return out
  }
  return resolve(JSON.parse(JSON.stringify(schema))) as JsonSchema
}

/** MCP wants an object schema at the top: a union of object shapes is declared an object too. */
function objectSchema (schema: JsonSchema): JsonSchema & { type: 'object' } {
  return { ...schema, type: 'object' }
}

export const TOOL_SCHEMAS = {
  search_prompts: { input: SearchInput, output: objectSchema(plain(PromptListSchema, { Prompt: PromptSchema })) },
  get_prompt: { input: GetInput, output: objectSchema(plain(PromptSchema)) },
  render_prompt: { input: RenderInput, output: objectSchema(plain(RenderResultSchema)) },
  list_categories: { input: ListCategoriesInput, output: objectSchema(plain(CategoryListSchema)) }
}

export function inputJsonSchema (schema: TSchema): JsonSchema & { type: 'object' } {
  return objectSchema(plain(schema))
}
