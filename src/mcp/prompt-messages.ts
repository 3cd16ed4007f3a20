// Between MCP prompt arguments and the render service. Arguments arrive as strings (MCP has no other kind), so a
// typed variable's value is converted to its type first; the render service then checks it as it does for REST.
// A render answers `text` (one user message) or, for a chat prompt, `messages: [{ role, content }]`. MCP prompt
// messages have only the roles user and assistant: a system message becomes a user message at its place (what the
// MCP specification and SDK allow), marked with _meta "promptshelf/role": "system" so that a client can restore it.
import type { PromptMessage } from '@modelcontextprotocol/sdk/types.js'
import type { CatalogVariable } from './mcp-prompt-catalog.js'

export type RenderValue = string | number | boolean

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/

/** String arguments as the values their variables' types take; a string that does not convert stays a string. */
export function typedArguments (args: Readonly<Record<string, string>>, variables: readonly CatalogVariable[]): Record<string, RenderValue> {
  const types = new Map(variables.map((variable) => [variable.name, variable.type]))
  const values: Record<string, RenderValue> = {}
  for (const [name, value] of Object.entries(args)) {
    const type = types.get(name)
    if ((type === 'number' || type === 'integer') && NUMBER.test(value.trim())) values[name] = Number(value.trim())
    else if (type === 'boolean' && (value === 'true' || value === 'false')) values[name] = value === 'true'
    else values[name] = value
  }
  return values
}

export interface RenderedPrompt {
  text?: string
  messages?: ReadonlyArray<{ role: string, content: string }>
}

export function toPromptMessages (rendered: RenderedPrompt): PromptMessage[] {
  const messages = rendered.messages ?? [{ role: 'user', content: rendered.text ?? '' }]
  return messages.map(({ role, content }) => role === 'user' || role === 'assistant'
    ? { role, content: { type: 'text', text: content } }
    : { role: 'user', content: { type: 'text', text: content, _meta: { 'promptshelf/role': role } } })
}
