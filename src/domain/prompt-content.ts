// What a write makes of type, template and messages: the content a version stores, checked. Pure.
import { type ChatEntry, compileChat, isPlaceholder } from './chat-messages.js'
import { BadRequestError } from './errors.js'
import { parseTemplate } from './template.js'

export type PromptType = 'text' | 'chat'

export interface PromptContent {
  type: PromptType
  /** '' for a chat prompt. */
  template: string
  /** null for a text prompt; entries in their stored form ({ role, content } or { placeholder }). */
  messages: ChatEntry[] | null
}

export interface ContentInput {
  type?: PromptType
  template?: string
  messages?: ChatEntry[]
}

/**
 * The content after a write: `input` over `current` (the version edited; undefined on create). A text
 * prompt has a template and no messages, a chat prompt the reverse; a type change needs the new field.
 */
export function contentOf (input: ContentInput, current?: PromptContent): PromptContent {
  const type = input.type ?? current?.type ?? 'text'
  if (type === 'text') {
    if (input.messages !== undefined) throw misplaced('#/messages', 'messages are for chat prompts: send type: "chat" with them, or template for a text prompt')
    const template = input.template ?? (current?.type === 'text' ? current.template : undefined)
    if (template === undefined) throw missingField('#/template', 'a text prompt needs template')
    return { type, template, messages: null }
  }
  if (input.template !== undefined) throw misplaced('#/template', 'a chat prompt has messages, not template')
  const messages = input.messages ?? (current?.type === 'chat' ? current.messages ?? undefined : undefined)
  if (messages === undefined) throw missingField('#/messages', 'a chat prompt needs messages')
  return { type, template: '', messages: messages.map((entry) => isPlaceholder(entry) ? { placeholder: entry.placeholder } : { role: entry.role, content: entry.content }) }
}

/** The variable names of the content, in order of first appearance; throws a 400 for a malformed template. */
export function contentVariableNames (content: PromptContent): string[] {
  if (content.type === 'chat') return compileChat(content.messages ?? []).variables
  if (content.template.trim() === '') throw new BadRequestError('template is blank', [{ pointer: '#/template', detail: 'must hold some text' }])
  return parseTemplate(content.template).variables
}

/** The words of the content, for tags found in the text. */
export function contentText (content: PromptContent): string {
  if (content.type === 'text') return content.template
  return (content.messages ?? []).map((entry) => isPlaceholder(entry) ? '' : entry.content).join('\n')
}

function misplaced (pointer: string, detail: string): BadRequestError {
  return new BadRequestError(detail, [{ pointer, detail: 'does not fit the prompt\'s type' }])
}

function missingField (pointer: string, detail: string): BadRequestError {
  return new BadRequestError(detail, [{ pointer, detail: 'is required' }])
}
