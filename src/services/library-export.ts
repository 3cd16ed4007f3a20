// Exports the library as Markdown (the PROMPTS.md layout) or as JSON.
import { DomainError } from '../domain/errors.js'
import { markdownCannotHold, writePromptsMarkdown } from '../domain/prompts-markdown.js'
import type { PromptRow } from '../repositories/prompt-repository.js'
import type { ExportedLabel, LibraryExport } from '../schemas/library-export.js'
import type { Library } from './library.js'
import { libraryDocument } from './library-document.js'
import { toPromptView, withRichFields } from './prompt-view.js'

/** At most this many ids are listed in the problem of an export the layout cannot hold. */
const MAX_LISTED_IDS = 100

/**
 * The library in the PROMPTS.md layout. A prompt the layout cannot hold (see markdownCannotHold) would
 * come back changed from an import, so the export is refused (409) naming them; JSON holds every prompt.
 */
export function exportMarkdown (library: Library): string {
  const document = libraryDocument(library)
  const refused: Array<{ id: string, reason: string }> = []
  const beyondLayout = new Map<string, string>()
  for (const row of library.prompts.list({ categoryIds: null, tag: null, after: null, limit: Number.MAX_SAFE_INTEGER })) {
    const reason = layoutCannotHoldVersion(row)
    if (reason !== undefined) beyondLayout.set(row.id, reason)
  }
  for (const category of document.sections.flatMap((section) => [section, ...section.children])) {
    for (const prompt of category.prompts) {
      const reason = beyondLayout.get(prompt.id!) ?? markdownCannotHold(prompt.template, prompt.variables)
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

/** What the Markdown layout has no place for: a chat prompt, a config, a typed variable. */
function layoutCannotHoldVersion (row: PromptRow): string | undefined {
  if (row.type === 'chat') return 'it is a chat prompt'
  if (Object.keys(row.config).length > 0) return 'it has a config'
  if (row.variables.some((variable) => variable.type !== undefined)) return 'it has a typed variable'
  return undefined
}

/** The prompt's labels and their whole history, when it has any. */
function withLabels<T extends { id: string }> (library: Library, view: T): T & { labels?: ExportedLabel[] } {
  const labels = library.labels.list(view.id)
  if (labels.length === 0) return view
  return {
    ...view,
    labels: labels.map(({ label, version, splits, updatedAt, updatedBy }) => ({
      label,
      version,
      splits,
      updatedAt,
      updatedBy,
      history: library.labels.history(view.id, label, null, Number.MAX_SAFE_INTEGER).map(({ from, to, by, at, reason }) => ({ from, to, by, at, reason }))
    }))
  }
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
      const view = withLabels(library, toPromptView(row, tree))
      if (row.message !== null) Object.assign(view, { message: row.message })
      if (!withHistory) return view
      return {
        ...view,
        versions: library.history.page(row.id, null, Number.MAX_SAFE_INTEGER).reverse().map((version) => withRichFields({
          version: version.version,
          category: tree.byId(version.categoryId).slug,
          template: version.template,
          variables: version.variables,
          tags: version.tags,
          config: version.config,
          createdBy: version.createdBy,
          createdAt: version.createdAt,
          message: version.message
        }, version))
      }
    })
  }
}
