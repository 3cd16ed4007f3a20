// Includes looked up in the store: what a write checks, and what a read shows as the variables of the
// prompts a prompt includes. Render has its own lookup over its caches (render-service.ts).
import { BadRequestError } from '../domain/errors.js'
import { expandIncludes, IncludeError, type IncludeFailure, type IncludeLookup, type VariableFrom } from '../domain/partials.js'
import { parseTemplate, type ParsedTemplate } from '../domain/template.js'
import type { Variable } from '../domain/variable.js'
import type { LabelRepository } from '../repositories/label-repository.js'
import type { PromptRepository, PromptRow } from '../repositories/prompt-repository.js'

/** A template of a prompt and the pointer that names it in a write's body. */
export interface PointedTemplate {
  parsed: ParsedTemplate
  pointer: string
}

export class StoreIncludes {
  constructor (private readonly prompts: PromptRepository, private readonly labels: LabelRepository) {}

  readonly lookup: IncludeLookup = (ref) => {
    const existence = this.prompts.existence(ref.id)
    if (existence === undefined) return 'missing'
    if (existence === 'deleted') return 'deleted'
    let row: PromptRow | undefined
    if (ref.version !== undefined) {
      row = this.prompts.version(ref.id, ref.version)
      if (!row) return 'no-version'
    } else if (ref.label !== undefined) {
      // A split label includes its main version (the split with the largest weight), so an include is deterministic.
      const version = this.labels.one(ref.id, ref.label)?.version
      if (version === undefined) return 'no-label'
      row = this.prompts.version(ref.id, version)!
    } else {
      row = this.prompts.current(ref.id)!
    }
    if (row.type === 'chat') return 'chat'
    return { id: ref.id, version: row.version, parsed: parseTemplate(row.template), variables: row.variables }
  }

  /** Throws a 400 pointing at the include that names a missing prompt or version, a chat prompt, makes a cycle or nests too deep. */
  check (id: string, templates: readonly PointedTemplate[], tolerated: ReadonlySet<IncludeFailure> = new Set()): void {
    const lookup: IncludeLookup = tolerated.size === 0
      ? this.lookup
      : (ref) => {
          const found = this.lookup(ref)
          return typeof found === 'string' && tolerated.has(found) ? { id: ref.id, version: 0, parsed: { parts: [], variables: [] }, variables: [] } : found
        }
    for (const { parsed, pointer } of templates) {
      try {
        expandIncludes(id, parsed, lookup)
      } catch (error) {
        if (!(error instanceof IncludeError)) throw error
        throw new BadRequestError(error.message, [{ pointer, detail: `${error.message} (the include at position ${error.at.position})` }])
      }
    }
  }

  /** A prompt's view with the variables of what it includes after its own, each with `from`. */
  withIncludedVariables<T extends { includes?: string[], variables: Variable[] }> (view: T, row: PromptRow): T {
    if (view.includes !== undefined) view.variables.push(...this.variables(row.id, rowTemplates(row), view.variables))
    return view
  }

  /** The variables of everything `templates` include, each with `from`; an include that cannot be followed adds none. */
  variables (id: string, templates: readonly ParsedTemplate[], own: readonly Variable[]): VariableFrom[] {
    const names = new Set(own.map((variable) => variable.name))
    const out: VariableFrom[] = []
    for (const parsed of templates) {
      try {
        for (const variable of expandIncludes(id, parsed, this.lookup, names).variables) {
          names.add(variable.name)
          out.push(variable)
        }
      } catch (error) {
        if (!(error instanceof IncludeError)) throw error
      }
    }
    return out
  }
}

/** The parsed templates of a row that may hold includes: its template, or its chat messages' contents. */
export function rowTemplates (row: Pick<PromptRow, 'type' | 'template' | 'messages'>): ParsedTemplate[] {
  if (row.type === 'chat') {
    return (row.messages ?? []).flatMap((entry) => 'content' in entry && entry.content.includes('{{>') ? [parseTemplate(entry.content)] : [])
  }
  return row.template.includes('{{>') ? [parseTemplate(row.template)] : []
}

/** The templates of a write's content that hold includes, each with the pointer of its field. */
export function pointedTemplates (content: { type: 'text' | 'chat', template: string, messages: readonly ({ content: string } | { placeholder: string })[] | null }): PointedTemplate[] {
  if (content.type === 'text') {
    return content.template.includes('{{>') ? [{ parsed: parseTemplate(content.template), pointer: '#/template' }] : []
  }
  const out: PointedTemplate[] = []
  ;(content.messages ?? []).forEach((entry, index) => {
    if ('content' in entry && entry.content.includes('{{>')) out.push({ parsed: parseTemplate(entry.content), pointer: `#/messages/${index}/content` })
  })
  return out
}
