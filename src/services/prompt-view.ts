// Turns stored rows into the Prompt shape the API shows.
import type { PromptRow } from '../repositories/prompt-repository.js'
import type { PromptView } from '../schemas/prompt.js'
import type { CategoryTree } from './category-tree.js'

export function toPromptView (row: PromptRow, tree: CategoryTree): PromptView {
  const category = tree.byId(row.categoryId)
  return {
    id: row.id,
    category: category.slug,
    section: category.sectionSlug,
    template: row.template,
    variables: row.variables,
    tags: row.tags,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt
  }
}
