// Reads and writes the PROMPTS.md layout: `## N. Section`, `### Prompts for X`, code blocks of quoted prompts.
// Pure: no I/O, no database. The seed, export and import all go through this module.
import { BadRequestError } from './errors.js'
import { categoryName, categorySlug } from './slug.js'
import { parseTemplate } from './template.js'
import { type Variable, variableFromLabel } from './variable.js'

export interface DocumentPrompt {
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
const PLACEHOLDER = /\[([^\]\n]+)\]/g

/** One quoted prompt line -> its template with `{{name}}` placeholders and the variables they declare. */
export function promptFromLine (line: string, lineNumber: number): DocumentPrompt {
  let text = line.trim()
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
  return { template, variables, line: lineNumber }
}

export function readPromptsMarkdown (markdown: string): LibraryDocument {
  const lines = markdown.split('\n').map((line) => line.replace(/\r$/, ''))
  const sections: DocumentCategory[] = []
  const slugs = new Set<string>()
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
        if (lines[inner]!.trim() !== '') target.prompts.push(promptFromLine(lines[inner]!, inner + 1))
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

/** A template written back in the document's own form: each `{{name}}` as its `[label]`. */
export function promptToLine (template: string, variables: readonly Variable[]): string {
  const labels = new Map(variables.map((variable) => [variable.name, variable.description || variable.name]))
  const parsed = parseTemplate(template)
  const text = parsed.parts.map((part) => typeof part === 'string' ? part : `[${labels.get(part.variable) ?? part.variable}]`).join('')
  return `"${text}"`
}

function writeBlock (prompts: readonly DocumentPrompt[]): string {
  return '```\n' + prompts.map((prompt) => promptToLine(prompt.template, prompt.variables)).join('\n\n') + '\n```\n\n'
}

export function writePromptsMarkdown (document: LibraryDocument): string {
  let out = document.preamble
  document.sections.forEach((section, index) => {
    out += `## ${index + 1}. ${section.name}\n\n`
    if (section.prompts.length > 0) out += writeBlock(section.prompts)
    for (const child of section.children) {
      out += `### Prompts for ${child.name}\n\n`
      if (child.prompts.length > 0) out += writeBlock(child.prompts)
    }
  })
  return document.closing === '' ? out.replace(/\n+$/, '\n') : out + document.closing
}
