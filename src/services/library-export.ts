// Exports the library as Markdown (the PROMPTS.md layout) or as JSON.
import { DomainError } from '../domain/errors.js'
import { markdownCannotHold, writePromptsMarkdown } from '../domain/prompts-markdown.js'
import type { LibraryExport } from '../schemas/library-export.js'
import type { Library } from './library.js'
import { libraryDocument } from './library-document.js'
import { toPromptView } from './prompt-view.js'

/** At most this many ids are listed in the problem of an export the layout cannot hold. */
const MAX_LISTED_IDS = 100

/**
 * The library in the PROMPTS.md layout. A prompt the layout cannot hold (see markdownCannotHold) would
 * come back changed from an import, so the export is refused (409) naming them; JSON holds every prompt.
 */
export function exportMarkdown (library: Library): string {
  const document = libraryDocument(library)
  const refused: Array<{ id: string, reason: string }> = []
  for (const category of document.sections.flatMap((section) => [section, ...section.children])) {
    for (const prompt of category.prompts) {
      const reason = markdownCannotHold(prompt.template, prompt.variables)
      if (reason !== undefined) refused.push({ id: prompt.id!, reason })
    }
  }
  if (refused.length > 0) {
    const listed = refused.slice(0, MAX_LISTED_IDS)
    throw new DomainError(409, 'Conflict',
      `${refused.length} prompt(s) cannot be written in the Markdown layout without changing them (${listed.map(({ id, reason }) => `${id}: ${reason}`).slice(0, 3).join('; ')}${refused.length > 3 ? '; …' : ''}): export with format=json, which holds every prompt`,
      { ids: listed.map(({ id }) => id), prompts: listed })
  }
  return writePromptsMarkdown(document)
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
          variables: version.variables,
          tags: version.tags,
          createdBy: version.createdBy,
          createdAt: version.createdAt
        }))
      }
    })
  }
}
