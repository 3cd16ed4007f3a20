// Turns stored rows into the Prompt shape the API shows.
import type { ChatEntry } from '../domain/chat-messages.js'
import { includedIds } from '../domain/partials.js'
import type { PromptConfig } from '../domain/prompt-config.js'
import type { PromptRow, RichColumns } from '../repositories/prompt-repository.js'
import type { PromptView } from '../schemas/prompt.js'
import type { CategoryTree } from './category-tree.js'
import { rowTemplates } from './store-includes.js'

export function toPromptView (row: PromptRow, tree: CategoryTree): PromptView {
  const category = tree.byId(row.categoryId)
  const view: PromptView = {
    id: row.id,
    category: category.slug,
    section: category.sectionSlug,
    template: row.template,
    variables: row.variables,
    config: row.config,
    tags: row.tags,
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
