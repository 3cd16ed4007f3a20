// Loads a PROMPTS.md document into the store. Idempotent: only what is missing is added,
// so a second run changes nothing and prompts edited since the seed are left as they are.
import { type DocumentCategory, type LibraryDocument, promptId as documentPromptId } from '../domain/prompts-markdown.js'
import { tagsForText } from '../domain/seed-tags.js'
import type { Library } from './library.js'

export interface SeedReport {
  categoriesCreated: number
  promptsCreated: number
}

export const SEED_AUTHOR = 'seed'

export function seedLibrary (library: Library, document: LibraryDocument, now = new Date().toISOString()): SeedReport {
  const report: SeedReport = { categoriesCreated: 0, promptsCreated: 0 }
  library.transaction(() => {
    library.meta.setIfMissing('preamble', document.preamble)
    library.meta.setIfMissing('closing', document.closing)
    const known = new Map(library.categories.all().map((row) => [row.slug, row.id]))

    const seedCategory = (category: DocumentCategory, parentId: number | null): void => {
      let id = known.get(category.slug)
      if (id === undefined) {
        id = library.categories.insert(category.slug, category.name, parentId)
        known.set(category.slug, id)
        report.categoriesCreated++
      }
      category.prompts.forEach((prompt, index) => {
        const promptId = documentPromptId(category, index)
        if (library.prompts.existence(promptId) !== undefined) return
        library.prompts.insertPrompt(promptId, id, index + 1, 1, now)
        const tags = tagsForText(prompt.template)
        library.prompts.insertVersion({
          promptId,
          version: 1,
          template: prompt.template,
          variables: prompt.variables,
          tags,
          categoryId: id,
          createdBy: SEED_AUTHOR,
          createdAt: now
        })
        library.prompts.setTags(promptId, tags)
        report.promptsCreated++
      })
      for (const child of category.children) seedCategory(child, id)
    }
    for (const section of document.sections) seedCategory(section, null)
  })
  if (report.categoriesCreated > 0) library.reloadCategories()
  return report
}
