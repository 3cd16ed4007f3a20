// The prompts an MCP endpoint offers: every live prompt in document order, or under ?label=L the versions
// that L points at (prompts without L are left out). Reads go through the library's repositories and the
// category tree, as REST reads do, so a write shows in the next list.
import type { Prompt, PromptArgument } from '@modelcontextprotocol/sdk/types.js'
import { decodeCursor, encodeCursor } from '../domain/cursor.js'
import { NotFoundError } from '../domain/errors.js'
import type { PromptRow } from '../repositories/prompt-repository.js'
import type { PromptView, VariableView } from '../schemas/prompt.js'
import type { Library } from '../services/library.js'
import { toPromptView } from '../services/prompt-view.js'
import { menuDescription, menuTitle } from './prompt-menu-text.js'

export const PROMPTS_PAGE_SIZE = 100
/** Rows read at a time while looking for prompts that carry a label. */
const LABEL_SCAN_CHUNK = 200

/** A variable as MCP clients may see it once variables have types: `enum` offers a fixed list. */
export type CatalogVariable = VariableView

export type PromptsPage = {
  prompts: Prompt[]
  nextCursor?: string
}

export class McpPromptCatalog {
  constructor (private readonly library: Library, private readonly label: string | undefined) {}

  /** One page of prompts/list; a cursor this API did not issue is a BadRequestError. */
  page (cursor: string | undefined, limit = PROMPTS_PAGE_SIZE): PromptsPage {
    const rows: PromptRow[] = []
    let after = cursor === undefined ? null : decodeCursor(cursor)
    let more = false
    for (;;) {
      const chunk = this.library.prompts.list({ categoryIds: null, tag: null, after, limit: this.label === undefined ? limit + 1 : LABEL_SCAN_CHUNK })
      for (const row of chunk) {
        const chosen = this.chosenVersion(row)
        if (!chosen) continue
        if (rows.length === limit) {
          more = true
          break
        }
        rows.push(chosen)
      }
      const last = chunk[chunk.length - 1]
      if (more || this.label === undefined || chunk.length < LABEL_SCAN_CHUNK || !last) break
      after = last
    }
    const tree = this.library.categoryTree
    const prompts = rows.map((row) => this.describe(toPromptView(row, tree)))
    const last = rows[rows.length - 1]
    return more && last ? { prompts, nextCursor: encodeCursor(last) } : { prompts }
  }

  /** The prompt as prompts/get and completion see it under this endpoint's label; unknown ones are a NotFoundError. */
  view (id: string, version?: number, label = this.label): PromptView {
    return toPromptView(this.row(id, version, label), this.library.categoryTree)
  }

  /** The prompt with its stored render count (REST's GET adds the renders not yet written). */
  counted (id: string, version: number | undefined, label: string | undefined): { view: PromptView, storedRenderCount: number } {
    const row = this.row(id, version, label)
    return { view: toPromptView(row, this.library.categoryTree), storedRenderCount: row.renderCount }
  }

  private row (id: string, version: number | undefined, label: string | undefined): PromptRow {
    let row: PromptRow | undefined
    if (version !== undefined) {
      row = this.library.prompts.version(id, version)
      if (!row && this.library.prompts.current(id)) throw new NotFoundError(`prompt "${id}" has no version ${version}`)
    } else if (label !== undefined) {
      const labelled = this.labelledVersion(id, label)
      if (labelled === undefined && this.library.prompts.current(id)) throw new NotFoundError(`prompt "${id}" has no label "${label}"`)
      row = labelled === undefined ? undefined : this.library.prompts.version(id, labelled)
    } else {
      row = this.library.prompts.current(id)
    }
    if (!row) throw new NotFoundError(`no prompt with the id "${id}"`)
    return row
  }

  /** The version a label names; a split label serves its main version (the split with the largest weight) here. */
  private labelledVersion (id: string, label: string): number | undefined {
    return this.library.labels.one(id, label)?.version
  }

  private chosenVersion (row: PromptRow): PromptRow | undefined {
    if (this.label === undefined) return row
    const version = this.labelledVersion(row.id, this.label)
    if (version === undefined) return undefined
    return version === row.version ? row : this.library.prompts.version(row.id, version)
  }

  /** The prompt as prompts/list shows it. */
  describe (view: PromptView): Prompt {
    return toMcpPrompt(view, this.place(view.category))
  }

  /** The names of a category and those above it, top first. */
  private place (slug: string): string[] {
    const tree = this.library.categoryTree
    const names: string[] = []
    for (let node = tree.bySlug(slug); node;) {
      names.unshift(node.name)
      node = node.parentSlug === null ? undefined : tree.bySlug(node.parentSlug)
    }
    return names
  }
}

/** The text a prompt opens with: its template, or the first message of a chat prompt. */
export function promptText (view: PromptView): string {
  const chat = (view as { messages?: Array<{ content?: unknown }> }).messages
  if (typeof view.template === 'string') return view.template
  const first = chat?.find((message) => typeof message.content === 'string')
  return typeof first?.content === 'string' ? first.content : ''
}

export function toMcpArgument (variable: CatalogVariable): PromptArgument {
  const offered = variable.enum ?? variable.examples
  const own = variable.description || variable.name.replace(/_/g, ' ')
  // Seeded descriptions already read "specific domain like e-commerce, IoT, etc.".
  const said = offered.every((value) => own.includes(value))
  const description = said ? own : `${own} — ${variable.enum ? 'one of' : 'e.g.'} ${offered.slice(0, 5).join(', ')}`
  return { name: variable.name, description, required: variable.required && variable.default === undefined }
}

export function toMcpPrompt (view: PromptView, place: string[]): Prompt {
  const text = promptText(view)
  return {
    name: view.id,
    title: menuTitle(place[place.length - 1] ?? view.category, text, view.variables),
    description: menuDescription(text, view.variables, place),
    arguments: view.variables.map(toMcpArgument)
  }
}
