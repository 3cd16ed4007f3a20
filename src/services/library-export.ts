// Exports the library as Markdown (the PROMPTS.md layout) or as JSON.
import { writePromptsMarkdown } from '../domain/prompts-markdown.js'
import type { LibraryExport } from '../schemas/library-export.js'
import type { Library } from './library.js'
import { libraryDocument } from './library-document.js'
import { toPromptView } from './prompt-view.js'

export function exportMarkdown (library: Library): string {
  return writePromptsMarkdown(libraryDocument(library))
}

export function exportJson (library: Library, withHistory: boolean): LibraryExport {
  const tree = library.categoryTree
  const rows = library.prompts.list({ categoryIds: null, tag: null, after: null, limit: Number.MAX_SAFE_INTEGER })
  return {
    format: 'promptshelf-library',
    formatVersion: 1,
    exportedAt: new Date().toISOString(),
    document: { preamble: library.meta.get('preamble') ?? '', closing: library.meta.get('closing') ?? '' },
    categories: tree.nodes.map((node) => ({ slug: node.slug, name: node.name, parent: node.parentSlug })),
    prompts: rows.map((row) => {
      const view = toPromptView(row, tree)
      if (!withHistory) return view
      return {
        ...view,
        versions: library.history.page(row.id, null, Number.MAX_SAFE_INTEGER).reverse().map((version) => ({
          version: version.version,
          category: tree.byId(version.categoryId).slug,
          template: version.template,
          variables: JSON.parse(version.variables),
          tags: JSON.parse(version.tags),
          createdBy: version.createdBy,
          createdAt: version.createdAt
        }))
      }
    })
  }
}
