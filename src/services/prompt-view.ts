// Turns stored rows into the Prompt shape the API shows.
import type { ChatEntry } from '../domain/chat-messages.js'
import { includedIds } from '../domain/partials.js'
import type { PromptConfig } from '../domain/prompt-config.js'
import type { PromptRow, RichColumns } from '../repositories/prompt-repository.js'
import type { PromptView, VariableView } from '../schemas/prompt.js'
import type { CategoryTree } from './category-tree.js'
import { rowTemplates } from './store-includes.js'

export function toPromptView (row: PromptRow, tree: CategoryTree): PromptView {
  const category = tree.byId(row.categoryId)
  const view: PromptView = {
    id: row.id,
    category: category.slug,
    section: category.sectionSlug,
    template: row.template,
    variables: JSON.parse(row.variables) as VariableView[],
    config: row.config,
    tags: JSON.parse(row.tags) as string[],
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt
  }
  return withRichFields(view, row)
}

/**
 * A chat prompt carries type and messages instead of template; every prompt shows its config ({} when none).
 */
export function withRichFields<T extends { template?: string }> (view: T, row: RichColumns & { template: string }): T & RichViewFields {
  const out = view as T & RichViewFields
  if (row.type === 'chat') {
    delete out.template
    out.type = 'chat'
    out.messages = row.messages ?? []
  }
  out.config = row.config
  const templates = rowTemplates(row)
  if (templates.length > 0) out.includes = includedIds(templates)
  return out
}

interface RichViewFields {
  type?: 'chat'
  messages?: ChatEntry[]
  config: PromptConfig
  /** Ids of the prompts the content includes, as written; absent when none. */
  includes?: string[]
}

/** A strong validator per version: versions are immutable, so id and version name the content. */
export function promptEtag (id: string, version: number): string {
  return `"${id}.v${version}"`
}

/** RFC 9110 If-None-Match / If-Match matching: a list of tags or "*"; W/ is ignored for If-None-Match. */
export function etagMatches (header: string | undefined, etag: string, weak: boolean): boolean {
  if (header === undefined) return false
  if (header.trim() === '*') return true
  return header.split(',').some((candidate) => {
    const tag = candidate.trim()
    return (weak && tag.startsWith('W/') ? tag.slice(2) : tag) === etag
  })
}
