// Reads and writes the PROMPTS.md layout: `## N. Section`, `### Prompts for X`, code blocks of quoted prompts.
// Pure: no I/O, no database. The seed, export and import all go through this module.
import { MAX_PROMPT_ID_LENGTH, PROMPT_ID_PATTERN } from './prompt-id.js'
import { BadRequestError } from './errors.js'
import { categoryName, categorySlug } from './slug.js'
import { parseTemplate } from './template.js'
import { type Variable, variableFromLabel } from './variable.js'

export interface DocumentPrompt {
  /**
   * The prompt's id when the document names one (an `<!-- id: … -->` marker), or the store's id on export.
   * Without it a prompt is `<category>-<n>`, n its place in the category: see promptId.
   */
  id?: string
  template: string
  variables: Variable[]
  /** 1-based line number in the document it was read from (0 when not read from one). */
  line: number
}

export interface DocumentCategory {
  slug: string
  name: string
  prompts: DocumentPrompt[]
  children: DocumentCategory[]
}

export interface LibraryDocument {
  /** Everything before the first section heading, kept verbatim (title and introduction). */
  preamble: string
  /** The text after the last code block, kept verbatim. */
  closing: string
  sections: DocumentCategory[]
}

export class DocumentParseError extends BadRequestError {
  constructor (readonly line: number, reason: string) {
    super(`line ${line}: ${reason}`, [{ pointer: `#/line/${line}`, detail: reason }])
  }
}

const FENCE = /^```/
// No `[` inside a label: a line of many `[` is then scanned in linear time.
const PLACEHOLDER = /\[([^[\]\n]+)\]/g
/** An explicit id after a prompt's closing quote: `"…" <!-- id: my-custom -->`. */
const ID_MARKER = /"\s*<!--\s*id:\s*(\S*)\s*-->$/
const PROMPT_ID = new RegExp(PROMPT_ID_PATTERN)
const MAX_ID_LENGTH = MAX_PROMPT_ID_LENGTH

/** The id a prompt gets from its place: the n-th prompt (0-based index n-1) of a category. */
export function positionalId (categorySlug: string, index: number): string {
  return `${categorySlug}-${index + 1}`
}

/** The id of the prompt at `index` in `category`: its marked id, else the positional one. */
export function promptId (category: DocumentCategory, index: number): string {
  return category.prompts[index]!.id ?? positionalId(category.slug, index)
}

/** One quoted prompt line -> its template with `{{name}}` placeholders and the variables they declare. */
export function promptFromLine (line: string, lineNumber: number): DocumentPrompt {
  let text = line.trim()
  let id: string | undefined
  const marker = ID_MARKER.exec(text)
  if (marker) {
    id = marker[1]!
    if (!PROMPT_ID.test(id) || id.length > MAX_ID_LENGTH) {
      throw new DocumentParseError(lineNumber, `the id marker names "${id}": an id is 1 to ${MAX_ID_LENGTH} of a-z, 0-9 and single hyphens`)
    }
    text = text.slice(0, marker.index + 1)
  }
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1)
  const variables: Variable[] = []
  const template = text.replace(PLACEHOLDER, (_match, label: string) => {
    const variable = variableFromLabel(label)
    if (variable.name === '') throw new DocumentParseError(lineNumber, `placeholder [${label}] has no letters or digits to name a variable`)
    if (!variables.some((known) => known.name === variable.name)) variables.push(variable)
    return `{{${variable.name}}}`
  })
  try {
    parseTemplate(template)
  } catch (error) {
    throw new DocumentParseError(lineNumber, (error as Error).message)
  }
  return id === undefined ? { template, variables, line: lineNumber } : { id, template, variables, line: lineNumber }
}

export function readPromptsMarkdown (markdown: string): LibraryDocument {
  const lines = markdown.split('\n').map((line) => line.replace(/\r$/, ''))
  const sections: DocumentCategory[] = []
  const slugs = new Set<string>()
  const ids = new Map<string, number>()
  let preambleEnd = lines.length
  let section: DocumentCategory | undefined
  let subsection: DocumentCategory | undefined
  let closingStart = -1

  const newCategory = (heading: string, lineNumber: number): DocumentCategory => {
    const slug = categorySlug(heading)
    if (slug === '') throw new DocumentParseError(lineNumber, `heading "${heading}" has no letters or digits to make a slug`)
    if (slugs.has(slug)) throw new DocumentParseError(lineNumber, `a second category with the slug "${slug}": headings must be unique`)
    slugs.add(slug)
    return { slug, name: categoryName(heading), prompts: [], children: [] }
  }

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    const lineNumber = index + 1
    if (line.startsWith('## ')) {
      if (sections.length === 0) preambleEnd = index
      section = newCategory(line.slice(3), lineNumber)
      subsection = undefined
      sections.push(section)
      closingStart = -1
    } else if (line.startsWith('### ')) {
      if (!section) throw new DocumentParseError(lineNumber, 'a "### " subsection must come after a "## " section')
      subsection = newCategory(line.slice(4), lineNumber)
      section.children.push(subsection)
      closingStart = -1
    } else if (FENCE.test(line) && section) {
      const target = subsection ?? section
      let end = index + 1
      while (end < lines.length && !FENCE.test(lines[end]!)) end++
      if (end === lines.length) throw new DocumentParseError(lineNumber, 'this code block is never closed with ```')
      for (let inner = index + 1; inner < end; inner++) {
        if (lines[inner]!.trim() === '') continue
        target.prompts.push(promptFromLine(lines[inner]!, inner + 1))
        const id = promptId(target, target.prompts.length - 1)
        const first = ids.get(id)
        if (first !== undefined) throw new DocumentParseError(inner + 1, `the id "${id}" was already given to the prompt on line ${first}: ids must be unique`)
        ids.set(id, inner + 1)
      }
      index = end
      closingStart = end + 1
    } else if (section && closingStart === -1 && line.trim() !== '') {
      // Prose between a heading and its code block is not part of the library.
      continue
    }
  }
  if (sections.length === 0) throw new DocumentParseError(1, 'no "## " section heading found: the document holds no categories')
  const preamble = lines.slice(0, preambleEnd).map((line) => line + '\n').join('')
  const closing = closingStart === -1 ? '' : lines.slice(closingStart).join('\n').replace(/^\n+/, '')
  return { preamble, closing, sections }
}

/**
 * The label a variable is written as: its description when reading that label gives back the same
 * name and examples (as the seed's labels do), else just its name.
 */
export function labelFor (variable: Variable): string {
  const { description } = variable
  if (description === '' || /[[\]\n\r]/.test(description)) return variable.name
  const back = variableFromLabel(description)
  const sameExamples = back.examples.length === variable.examples.length && back.examples.every((example, index) => example === variable.examples[index])
  return back.name === variable.name && sameExamples ? description : variable.name
}

/** A template written back in the document's own form: each `{{name}}` as its `[label]`, and the id marker when given. */
export function promptToLine (template: string, variables: readonly Variable[], markedId?: string): string {
  const labels = new Map(variables.map((variable) => [variable.name, labelFor(variable)]))
  const parsed = parseTemplate(template)
  const text = parsed.parts.map((part) => typeof part === 'string' ? part : 'include' in part ? part.source : `[${labels.get(part.variable) ?? part.variable}]`).join('')
  return markedId === undefined ? `"${text}"` : `"${text}" <!-- id: ${markedId} -->`
}

/**
 * Why the layout cannot hold a template (reading its line back would give another text), or undefined
 * when it can: one line, no literal `[` or `]`, no leading or trailing space or quote, canonical `{{name}}`.
 */
export function markdownCannotHold (template: string, variables: readonly Variable[]): string | undefined {
  if (/[\n\r]/.test(template)) return 'it spans several lines'
  if (/[[\]]/.test(template)) return 'it holds a literal [ or ]'
  if (template !== template.trim() || template.startsWith('"') || template.endsWith('"')) return 'it starts or ends with a space or a quote'
  try {
    if (promptFromLine(promptToLine(template, variables), 0).template !== template) return 'a placeholder would be read back under another name or spelling'
  } catch {
    return 'its line would not read back'
  }
  return undefined
}

function writeBlock (category: DocumentCategory): string {
  const lines = category.prompts.map((prompt, index) => {
    const marked = prompt.id !== undefined && prompt.id !== positionalId(category.slug, index) ? prompt.id : undefined
    return promptToLine(prompt.template, prompt.variables, marked)
  })
  return '```\n' + lines.join('\n\n') + '\n```\n\n'
}

export function writePromptsMarkdown (document: LibraryDocument): string {
  let out = document.preamble
  document.sections.forEach((section, index) => {
    out += `## ${index + 1}. ${section.name}\n\n`
    if (section.prompts.length > 0) out += writeBlock(section)
    for (const child of section.children) {
      out += `### Prompts for ${child.name}\n\n`
      if (child.prompts.length > 0) out += writeBlock(child)
    }
  })
  return document.closing === '' ? out.replace(/\n+$/, '\n') : out + document.closing
}
