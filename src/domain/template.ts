// The one template engine: `{{name}}` placeholders, parsed once, rendered in a single pass.
import { BadRequestError, type FieldError, UnprocessableError } from './errors.js'

export const VARIABLE_NAME = /^[a-z0-9_]+$/
const MAX_NAME_LENGTH = 100
const MAX_ID_LENGTH = 100

/** `{{> id}}`, `{{> id@label}}` or `{{> id@3}}`: the current, labelled or numbered version of another prompt. */
export interface IncludeRef {
  id: string
  label?: string
  version?: number
}

export interface IncludePart {
  include: IncludeRef
  /** The include as written, which is what the prompt stores and shows. */
  source: string
  /** Where it starts in the template. */
  position: number
}

export type TemplatePart = string | { variable: string } | IncludePart

export interface ParsedTemplate {
  parts: TemplatePart[]
  /** Placeholder names in order of first appearance. */
  variables: string[]
  /** Includes in the order they appear (absent: none). */
  includes?: IncludePart[]
}

const INCLUDE = /^>\s*([a-z0-9]+(?:-[a-z0-9]+)*)(?:@(?:([1-9][0-9]{0,8})|([a-z0-9]+(?:-[a-z0-9]+)*)))?$/

/** Parses a template; throws BadRequestError listing each malformed placeholder and its position. */
export function parseTemplate (template: string, pointer = '#/template'): ParsedTemplate {
  const parts: TemplatePart[] = []
  const seen = new Set<string>()
  const includes: IncludePart[] = []
  const errors: FieldError[] = []
  let text = ''
  let index = 0
  while (index < template.length) {
    const open = template.indexOf('{{', index)
    if (open === -1) break
    const close = template.indexOf('}}', open + 2)
    if (close === -1) {
      errors.push({ pointer, detail: `unclosed "{{" at position ${open}: close it with "}}"` })
      break
    }
    const name = template.slice(open + 2, close).trim()
    text += template.slice(index, open)
    index = close + 2
    if (name === '') {
      errors.push({ pointer, detail: `empty placeholder at position ${open}: write a name such as {{topic}}` })
      continue
    }
    if (name.startsWith('>')) {
      const match = INCLUDE.exec(name)
      if (!match || match[1]!.length > MAX_ID_LENGTH) {
        errors.push({ pointer, detail: `include at position ${open} is malformed: write {{> prompt-id}}, {{> prompt-id@label}} or {{> prompt-id@3}}` })
        continue
      }
      const include: IncludeRef = { id: match[1]! }
      if (match[2] !== undefined) include.version = Number(match[2])
      if (match[3] !== undefined) include.label = match[3]
      if (text !== '') parts.push(text)
      text = ''
      const part: IncludePart = { include, source: template.slice(open, index), position: open }
      parts.push(part)
      includes.push(part)
      continue
    }
    if (!VARIABLE_NAME.test(name) || name.length > MAX_NAME_LENGTH) {
      errors.push({ pointer, detail: `placeholder at position ${open} has an invalid name: use 1 to ${MAX_NAME_LENGTH} of a-z, 0-9 and _` })
      continue
    }
    if (text !== '') parts.push(text)
    text = ''
    parts.push({ variable: name })
    seen.add(name)
  }
  if (errors.length > 0) throw new BadRequestError(errors[0]!.detail, errors.slice(0, 20))
  text += template.slice(index)
  if (text !== '') parts.push(text)
  return includes.length === 0 ? { parts, variables: [...seen] } : { parts, variables: [...seen], includes }
}

export interface RenderOutcome {
  text: string
  /** Placeholders left without a value. */
  missing: string[]
}

/** The rendered text would exceed the caller's limit; raised before the text is built. */
export class RenderTooLongError extends UnprocessableError {
  constructor (readonly length: number, readonly limit: number) {
    super(`the rendered text would be ${length} characters, over the limit of ${limit}: shorten the values`, { length, limit })
  }
}

/** Length of the text renderParsed would produce, without building it. */
export function renderedLength (parsed: ParsedTemplate, values: ReadonlyMap<string, string>): number {
  let length = 0
  for (const part of parsed.parts) {
    if (typeof part === 'string') {
      length += part.length
      continue
    }
    if ('include' in part) {
      length += part.source.length
      continue
    }
    const value = values.get(part.variable)
    length += value === undefined ? part.variable.length + 4 : value.length
  }
  return length
}

/**
 * Fills placeholders from `values` (a Map, so names like __proto__ are plain keys).
 * A value is inserted as is and never parsed again. Missing names stay as `{{name}}`.
 * With `maxLength`, a text longer than that throws RenderTooLongError before it is built.
 */
export function renderParsed (parsed: ParsedTemplate, values: ReadonlyMap<string, string>, maxLength = Infinity): RenderOutcome {
  if (maxLength !== Infinity) {
    const length = renderedLength(parsed, values)
    if (length > maxLength) throw new RenderTooLongError(length, maxLength)
  }
  let text = ''
  const missing: string[] = []
  for (const part of parsed.parts) {
    if (typeof part === 'string') {
      text += part
      continue
    }
    // Includes are resolved before rendering (see partials.ts); one left here stays as written.
    if ('include' in part) {
      text += part.source
      continue
    }
    const value = values.get(part.variable)
    if (value === undefined) {
      if (!missing.includes(part.variable)) missing.push(part.variable)
      text += `{{${part.variable}}}`
    } else {
      text += value
    }
  }
  return { text, missing }
}
