// Chat prompts: an ordered list of { role, content } messages, whose contents are templates, and of
// { placeholder } entries that a render replaces with the messages sent for that name. Pure.
import { BadRequestError, type FieldError } from './errors.js'
import { parseTemplate, type ParsedTemplate, renderedLength, renderParsed, RenderTooLongError, VARIABLE_NAME } from './template.js'

export const CHAT_ROLES = ['system', 'user', 'assistant'] as const
export type ChatRole = typeof CHAT_ROLES[number]

export interface ChatMessage { role: ChatRole, content: string }
export interface ChatPlaceholder { placeholder: string }
export type ChatEntry = ChatMessage | ChatPlaceholder

export const MAX_CHAT_ENTRIES = 100
export const MAX_PLACEHOLDER_MESSAGES = 100
const MAX_NAME_LENGTH = 100

export function isPlaceholder (entry: ChatEntry): entry is ChatPlaceholder {
  return 'placeholder' in entry
}

export type CompiledEntry = { role: ChatRole, parsed: ParsedTemplate } | ChatPlaceholder

export interface CompiledChat {
  entries: CompiledEntry[]
  /** Variable names of every content, in order of first appearance. */
  variables: string[]
  /** Placeholder names, in order of first appearance. */
  placeholders: string[]
}

/**
 * Checks and parses the entries of a chat prompt; throws a 400 pointing at the first bad one
 * (#/messages/2/role, #/messages/0/content, …). `parse` lets a caller parse contents its own way.
 */
export function compileChat (entries: readonly ChatEntry[], base = '#/messages', parse: (text: string, pointer: string) => ParsedTemplate = parseTemplate): CompiledChat {
  if (entries.length === 0 || entries.length > MAX_CHAT_ENTRIES) {
    throw new BadRequestError(`a chat prompt has 1 to ${MAX_CHAT_ENTRIES} messages`, [{ pointer: base, detail: `must hold 1 to ${MAX_CHAT_ENTRIES} entries` }])
  }
  const compiled: CompiledEntry[] = []
  const variables = new Set<string>()
  const placeholders = new Set<string>()
  const errors: FieldError[] = []
  entries.forEach((entry, index) => {
    const pointer = `${base}/${index}`
    if (isPlaceholder(entry)) {
      const name = entry.placeholder
      if (typeof name !== 'string' || !VARIABLE_NAME.test(name) || name.length > MAX_NAME_LENGTH) {
        errors.push({ pointer: `${pointer}/placeholder`, detail: `use 1 to ${MAX_NAME_LENGTH} of a-z, 0-9 and _` })
        return
      }
      placeholders.add(name)
      compiled.push({ placeholder: name })
      return
    }
    if (!(CHAT_ROLES as readonly string[]).includes(entry.role)) {
      errors.push({ pointer: `${pointer}/role`, detail: `must be one of ${CHAT_ROLES.join(', ')}` })
      return
    }
    const parsed = parse(entry.content, `${pointer}/content`)
    for (const name of parsed.variables) variables.add(name)
    compiled.push({ role: entry.role, parsed })
  })
  if (errors.length > 0) throw new BadRequestError(`messages: ${errors[0]!.pointer.slice(2)} ${errors[0]!.detail}`, errors.slice(0, 20))
  return { entries: compiled, variables: [...variables], placeholders: [...placeholders] }
}

export interface ChatRenderOutcome {
  messages: ChatMessage[]
  /** Variables left as {{name}}, then placeholders without messages. */
  missing: string[]
}

/**
 * Fills every content in one pass and puts the messages sent for each placeholder in its place, as
 * they are (never parsed). A placeholder without messages is left out and listed in `missing`.
 */
export function renderChat (chat: CompiledChat, values: ReadonlyMap<string, string>, placeholders: ReadonlyMap<string, readonly ChatMessage[]>, maxLength = Infinity): ChatRenderOutcome {
  let length = 0
  for (const entry of chat.entries) {
    if ('parsed' in entry) length += renderedLength(entry.parsed, values)
    else for (const message of placeholders.get(entry.placeholder) ?? []) length += message.content.length
  }
  if (length > maxLength) throw new RenderTooLongError(length, maxLength)
  const messages: ChatMessage[] = []
  const missing: string[] = []
  const missingPlaceholders: string[] = []
  for (const entry of chat.entries) {
    if ('parsed' in entry) {
      const outcome = renderParsed(entry.parsed, values)
      for (const name of outcome.missing) if (!missing.includes(name)) missing.push(name)
      messages.push({ role: entry.role, content: outcome.text })
      continue
    }
    const sent = placeholders.get(entry.placeholder)
    if (sent === undefined) {
      if (!missingPlaceholders.includes(entry.placeholder)) missingPlaceholders.push(entry.placeholder)
      continue
    }
    for (const message of sent) messages.push({ role: message.role, content: message.content })
  }
  return { messages, missing: [...missing, ...missingPlaceholders.filter((name) => !missing.includes(name))] }
}

/** A chat prompt as lines of text (`system: …`, `{history}`), for diffs. */
export function chatAsText (entries: readonly ChatEntry[]): string {
  return entries.map((entry) => isPlaceholder(entry) ? `{${entry.placeholder}}` : `${entry.role}: ${entry.content}`).join('\n')
}
