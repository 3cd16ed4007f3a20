// Partials: `{{> id}}` includes the text of another text prompt. Expanding a parsed template replaces each
// include with the parsed parts of the version it names, depth first, through a lookup the caller gives
// (the store at write time, the render caches at render time). Pure, and bounded: at most MAX_INCLUDE_DEPTH
// levels and MAX_INCLUDE_VISITS includes in all, so any graph, cyclic or not, is walked in bounded time.
import type { IncludePart, IncludeRef, ParsedTemplate, TemplatePart } from './template.js'
import type { Variable } from './variable.js'

export const MAX_INCLUDE_DEPTH = 5
export const MAX_INCLUDE_VISITS = 1000

/** What an include names, found. */
export interface IncludeTarget {
  id: string
  version: number
  parsed: ParsedTemplate
  variables: readonly Variable[]
}

export type IncludeFailure = 'missing' | 'deleted' | 'chat' | 'no-version' | 'no-label'
export type IncludeLookup = (ref: IncludeRef) => IncludeTarget | IncludeFailure

/** Why an include cannot be expanded, at the include of the expanded template that leads to it. */
export class IncludeError extends Error {
  constructor (
    /** The include as written in the template being expanded (the one to fix). */
    readonly at: IncludePart,
    /** The id of the prompt the problem is with. */
    readonly target: string,
    readonly reason: IncludeFailure | 'cycle' | 'depth' | 'too-many',
    detail: string
  ) {
    super(detail)
  }
}

export interface VariableFrom extends Variable {
  /** The included prompt the variable comes from. */
  from: string
}

export interface Expansion {
  parsed: ParsedTemplate
  /** Every prompt included, directly or not, in order of first appearance. */
  included: string[]
  /** Variables of the included prompts, each once, by first appearance; names the template has itself are left out. */
  variables: VariableFrom[]
}

/** The ids an include names, in order, each once: what a prompt shows as `includes`. */
export function includedIds (parsed: readonly ParsedTemplate[]): string[] {
  const ids: string[] = []
  for (const template of parsed) for (const part of template.includes ?? []) if (!ids.includes(part.include.id)) ids.push(part.include.id)
  return ids
}

/**
 * `parsed` with every include replaced by what it names, recursively. `rootId` is the prompt being
 * expanded: an include that leads back to it, or to any prompt on the way, is a cycle.
 */
export function expandIncludes (rootId: string, parsed: ParsedTemplate, lookup: IncludeLookup, ownNames: ReadonlySet<string> = new Set(parsed.variables)): Expansion {
  if (parsed.includes === undefined) return { parsed, included: [], variables: [] }
  const included: string[] = []
  const variables: VariableFrom[] = []
  const names = new Set(ownNames)
  let visits = 0

  const expand = (template: ParsedTemplate, path: readonly string[], top: IncludePart | undefined): TemplatePart[] => {
    const parts: TemplatePart[] = []
    for (const part of template.parts) {
      if (typeof part === 'string' || !('include' in part)) {
        parts.push(part)
        continue
      }
      const at = top ?? part
      const { id } = part.include
      const chain = [...path, id].join(' → ')
      if (path.includes(id)) throw new IncludeError(at, id, 'cycle', `${part.source} makes a cycle: ${chain}`)
      if (path.length > MAX_INCLUDE_DEPTH) throw new IncludeError(at, id, 'depth', `${at.source} nests deeper than ${MAX_INCLUDE_DEPTH} levels: ${chain}`)
      if (++visits > MAX_INCLUDE_VISITS) throw new IncludeError(at, id, 'too-many', `more than ${MAX_INCLUDE_VISITS} includes in all`)
      const target = lookup(part.include)
      if (typeof target === 'string') throw new IncludeError(at, id, target, failureText(part, target, top === undefined ? '' : ` (through ${chain})`))
      if (!included.includes(id)) included.push(id)
      for (const variable of target.variables) {
        if (names.has(variable.name)) continue
        names.add(variable.name)
        variables.push({ ...variable, from: id })
      }
      parts.push(...expand(target.parsed, [...path, id], at))
    }
    return parts
  }

  const parts = expand(parsed, [rootId], undefined)
  const seen = new Set<string>()
  for (const part of parts) if (typeof part !== 'string' && 'variable' in part) seen.add(part.variable)
  return { parsed: { parts, variables: [...seen] }, included, variables }
}

function failureText (part: IncludePart, failure: IncludeFailure, through: string): string {
  const { id, label, version } = part.include
  switch (failure) {
    case 'missing': return `${part.source}${through}: no prompt has the id "${id}"`
    case 'deleted': return `${part.source}${through}: the prompt "${id}" was deleted`
    case 'chat': return `${part.source}${through}: "${id}" is a chat prompt; only text prompts can be included`
    case 'no-version': return `${part.source}${through}: "${id}" has no version ${version}`
    case 'no-label': return `${part.source}${through}: "${id}" has no label "${label}"`
  }
}
