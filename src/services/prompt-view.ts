// Turns stored rows into the Prompt shape the API shows.
import type { PromptRow } from '../repositories/prompt-repository.js'
import type { PromptView, VariableView } from '../schemas/prompt.js'
import type { CategoryTree } from './category-tree.js'

export function toPromptView (row: PromptRow, tree: CategoryTree): PromptView {
  const category = tree.byId(row.categoryId)
  return {
    id: row.id,
    category: category.slug,
    section: category.sectionSlug,
    template: row.template,
    variables: JSON.parse(row.variables) as VariableView[],
    tags: JSON.parse(row.tags) as string[],
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt
  }
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
