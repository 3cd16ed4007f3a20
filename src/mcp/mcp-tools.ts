// The four read-only tools. Each answers the REST answer's shape as structuredContent (and as JSON text for
// clients that read only content). Arguments that do not fit the input schema are JSON-RPC error -32602;
// a call that fits but fails (no such prompt, a missing variable) is a tool result with isError, so that the
// model reads what went wrong, as the MCP specification asks for tool execution errors.
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js'
import type { FastifyBaseLogger } from 'fastify'
import { Compile } from 'typebox/compile'
import type { Static } from 'typebox'
import { BadRequestError } from '../domain/errors.js'
import type { Library } from '../services/library.js'
import type { PromptReader } from '../services/prompt-reader.js'
import type { RenderCounter } from '../services/render-counter.js'
import type { RenderService } from '../services/render-service.js'
import type { SearchService } from '../services/search-service.js'
import { clientMessage, invalidParams, isClientError } from './mcp-errors.js'
import type { McpPromptCatalog } from './mcp-prompt-catalog.js'
import { GetInput, inputJsonSchema, RenderInput, SearchInput, TOOL_SCHEMAS } from './mcp-tool-schemas.js'

export interface ToolContext {
  library: Library
  reader: PromptReader
  renderer: RenderService
  search: SearchService
  renderCounter: RenderCounter
  catalog: McpPromptCatalog
  /** The endpoint's ?label, used when a call names neither version nor label. */
  label: string | undefined
  log: FastifyBaseLogger
  requestId: string
}

type ToolName = keyof typeof TOOL_SCHEMAS

const DESCRIPTIONS: Record<ToolName, { title: string, description: string }> = {
  search_prompts: {
    title: 'Search prompts',
    description: 'Full-text search over the prompt library. Answers the best matching prompts (id, category, template, variables), ' +
      'each with a highlight, and how many matches each category has. Optional category (a slug from list_categories) and limit (1-100).'
  },
  get_prompt: {
    title: 'Get a prompt',
    description: 'One prompt by id: its template, variables (name, description, examples, required), tags and version. ' +
      'version or label selects another version.'
  },
  render_prompt: {
    title: 'Render a prompt',
    description: 'Fills a prompt\'s variables and answers the finished text. Every required variable needs a value; ' +
      'values are inserted literally. version or label renders another version.'
  },
  list_categories: {
    title: 'List categories',
    description: 'The category tree of the library in document order: slug, name, parent slug and how many prompts each holds (with those below it).'
  }
}

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false }

export const TOOLS: Tool[] = (Object.keys(TOOL_SCHEMAS) as ToolName[]).map((name) => ({
  name,
  ...DESCRIPTIONS[name],
  inputSchema: inputJsonSchema(TOOL_SCHEMAS[name].input),
  outputSchema: TOOL_SCHEMAS[name].output,
  annotations: { title: DESCRIPTIONS[name].title, ...READ_ONLY }
}))

const CHECKS = Object.fromEntries((Object.keys(TOOL_SCHEMAS) as ToolName[]).map((name) => [name, Compile(TOOL_SCHEMAS[name].input)])) as
  Record<ToolName, ReturnType<typeof Compile>>

function isToolName (name: string): name is ToolName {
  return Object.hasOwn(TOOL_SCHEMAS, name)
}

/** What is wrong with the arguments, in a line: "id: must be string; unknown argument x". */
function argumentErrors (name: ToolName, args: unknown): string {
  const lines: string[] = []
  for (const error of CHECKS[name].Errors(args)) {
    if (error.keyword === 'boolean') continue
    const unknown = (error.params as { additionalProperties?: unknown }).additionalProperties
    const where = error.instancePath.replace(/^\//, '') || 'arguments'
    lines.push(Array.isArray(unknown) ? `unknown argument ${unknown.join(', ')}` : `${where}: ${error.message}`)
    if (lines.length === 10) break
  }
  return lines.join('; ')
}

function answer (structured: object): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured as Record<string, unknown> }
}

function run (context: ToolContext, name: ToolName, args: unknown): object {
  switch (name) {
    case 'search_prompts': {
      const { query, category, limit } = args as Static<typeof SearchInput>
      let categoryIds: number[] | null = null
      if (category !== undefined) {
        const node = context.library.categoryTree.bySlug(category)
        if (!node) throw new BadRequestError(`unknown category "${category}": list_categories names them`)
        categoryIds = node.subtreeIds
      }
      return context.search.search({ q: query, categoryIds, tag: null, limit: limit ?? 20 })
    }
    case 'get_prompt': {
      const { id, version, label } = args as Static<typeof GetInput>
      if (version !== undefined && label !== undefined) throw new BadRequestError('pass version or label, not both')
      const { view, storedRenderCount } = context.catalog.counted(id, version, version === undefined ? label ?? context.label : undefined)
      return { ...view, renderCount: storedRenderCount + context.renderCounter.pending(view.id, view.version) }
    }
    case 'render_prompt': {
      const { id, variables, version, label } = args as Static<typeof RenderInput>
      return context.renderer.render({ id, variables, version, label: version === undefined ? label ?? context.label : label }, '#/arguments')
    }
    case 'list_categories':
      return context.reader.categories()
  }
}

export function callTool (context: ToolContext, name: string, args: unknown): CallToolResult {
  if (!isToolName(name)) throw invalidParams(`unknown tool "${name}": tools/list names the tools (${Object.keys(TOOL_SCHEMAS).join(', ')})`)
  const given = args ?? {}
  if (!CHECKS[name].Check(given)) throw invalidParams(`invalid arguments for ${name}: ${argumentErrors(name, given)}`)
  try {
    return answer(run(context, name, given))
  } catch (error) {
    if (!isClientError(error)) throw error
    return { content: [{ type: 'text', text: clientMessage(error, name) }], isError: true }
  }
}
