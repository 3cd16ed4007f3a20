// completion/complete for a prompt argument: the variable's enum values and examples that start with what the user
// has typed so far (case-insensitive), at most 100, in the order the prompt lists them.
import type { CompleteRequest, CompleteResult } from '@modelcontextprotocol/sdk/types.js'
import { asInvalidParams, invalidParams } from './mcp-errors.js'
import type { CatalogVariable, McpPromptCatalog } from './mcp-prompt-catalog.js'

export const MAX_COMPLETIONS = 100

export function completionValues (variable: CatalogVariable, typed: string): string[] {
  const prefix = typed.toLowerCase()
  const offered = [...new Set([...(variable.enum ?? []), ...variable.examples])]
  return offered.filter((value) => value.toLowerCase().startsWith(prefix))
}

export function completeArgument (catalog: McpPromptCatalog, params: CompleteRequest['params']): CompleteResult {
  const { ref, argument } = params
  if (ref.type !== 'ref/prompt') throw invalidParams('promptshelf completes prompt arguments only (ref/prompt); it offers no resources')
  const view = asInvalidParams(`prompt "${ref.name}"`, () => catalog.view(ref.name))
  const variable = (view.variables as CatalogVariable[]).find((candidate) => candidate.name === argument.name)
  if (!variable) throw invalidParams(`prompt "${ref.name}" has no argument "${argument.name}"`)
  const values = completionValues(variable, argument.value)
  return { completion: { values: values.slice(0, MAX_COMPLETIONS), total: values.length, hasMore: values.length > MAX_COMPLETIONS } }
}
