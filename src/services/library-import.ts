// Imports a library (a PROMPTS.md document or the JSON export) in one all-or-nothing transaction.
// A prompt whose id is new is created; one whose content differs gets a new version; the rest are
// unchanged. Prompts the document does not mention are kept as they are.
import { BadRequestError, DomainError } from '../domain/errors.js'
import type { LibraryDocument } from '../domain/prompts-markdown.js'
import type { VariableDeclaration } from '../domain/prompt-input.js'
import type { LibraryExport } from '../schemas/library-export.js'
import type { Library } from './library.js'
import { promptEtag } from './prompt-view.js'
import { PromptWriter } from './prompt-writer.js'

export interface ImportReport {
  created: string[]
  updated: string[]
  unchanged: number
}

interface PlannedCategory {
  slug: string
  name: string
  parent: string | null
}

interface PlannedPrompt {
  id: string
  category: string
  template: string
  variables: VariableDeclaration[] | undefined
  /** undefined keeps a prompt's tags (Markdown carries none). */
  tags: string[] | undefined
  /** Where it came from, for error messages: "line 176" or "#/prompts/3". */
  source: string
}

export interface ImportPlan {
  categories: PlannedCategory[]
  prompts: PlannedPrompt[]
  document?: { preamble: string, closing: string }
}

export function planFromMarkdown (document: LibraryDocument): ImportPlan {
  const categories: PlannedCategory[] = []
  const prompts: PlannedPrompt[] = []
  for (const section of document.sections) {
    for (const category of [section, ...section.children]) {
      categories.push({ slug: category.slug, name: category.name, parent: category === section ? null : section.slug })
      category.prompts.forEach((prompt, index) => prompts.push({
        id: `${category.slug}-${index + 1}`,
        category: category.slug,
        template: prompt.template,
        variables: prompt.variables,
        tags: undefined,
        source: `line ${prompt.line}`
      }))
    }
  }
  return { categories, prompts, document: { preamble: document.preamble, closing: document.closing } }
}

export function planFromJson (library: LibraryExport): ImportPlan {
  return {
    categories: library.categories.map(({ slug, name, parent }) => ({ slug, name, parent })),
    prompts: library.prompts.map((prompt, index) => ({
      id: prompt.id,
      category: prompt.category,
      template: prompt.template,
      variables: prompt.variables,
      tags: prompt.tags,
      source: `#/prompts/${index}`
    })),
    document: library.document
  }
}

/** Thrown to roll a dry run back once its report is known. */
class DryRunRollback extends Error {
  constructor (readonly report: ImportReport) {
    super('dry run')
  }
}

export function importLibrary (library: Library, plan: ImportPlan, options: { dryRun: boolean, author: string }): ImportReport {
  checkPlan(library, plan)
  const writer = new PromptWriter(library)
  try {
    return library.transaction(() => {
      const report: ImportReport = { created: [], updated: [], unchanged: 0 }
      addCategories(library, plan.categories)
      if (plan.document) {
        library.meta.set('preamble', plan.document.preamble)
        library.meta.set('closing', plan.document.closing)
      }
      for (const prompt of plan.prompts) {
        try {
          applyPrompt(library, writer, prompt, options.author, report)
        } catch (error) {
          if (error instanceof DomainError && error.status < 500) {
            throw new BadRequestError(`${prompt.source} (prompt "${prompt.id}"): ${error.message}`, [{ pointer: prompt.source.startsWith('#') ? prompt.source : `#/line/${prompt.source.slice(5)}`, detail: error.message }])
          }
          throw error
        }
      }
      if (options.dryRun) throw new DryRunRollback(report)
      return report
    })
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report
    throw error
  } finally {
    // Categories added inside a rolled-back or failed transaction must leave the in-memory tree too.
    library.reloadCategories()
  }
}

function checkPlan (library: Library, plan: ImportPlan): void {
  const seen = new Set<string>()
  plan.prompts.forEach((prompt) => {
    if (seen.has(prompt.id)) throw new BadRequestError(`${prompt.source}: the id "${prompt.id}" appears twice`, [{ pointer: prompt.source, detail: 'duplicate id' }])
    seen.add(prompt.id)
  })
  const planned = new Map(plan.categories.map((category) => [category.slug, category]))
  plan.categories.forEach((category, index) => {
    if (category.parent === null) return
    const parent = planned.get(category.parent)
    const known = library.categoryTree.bySlug(category.parent)
    if (!parent && !known) {
      throw new BadRequestError(`category "${category.slug}" names an unknown parent "${category.parent}"`, [{ pointer: `#/categories/${index}/parent`, detail: 'unknown category' }])
    }
    if ((parent && parent.parent !== null) || (!parent && known && known.parentId !== null)) {
      throw new BadRequestError(`category "${category.slug}": its parent "${category.parent}" must be a top-level category`, [{ pointer: `#/categories/${index}/parent`, detail: 'categories have two levels' }])
    }
  })
  for (const prompt of plan.prompts) {
    if (!planned.has(prompt.category) && !library.categoryTree.bySlug(prompt.category)) {
      throw new BadRequestError(`${prompt.source}: unknown category "${prompt.category}"`, [{ pointer: `${prompt.source}/category`, detail: 'unknown category' }])
    }
  }
}

function addCategories (library: Library, categories: readonly PlannedCategory[]): void {
  const ids = new Map(library.categories.all().map((row) => [row.slug, row.id]))
  let added = false
  // Parents first, so that every child finds its parent's id.
  const ordered = [...categories.filter((c) => c.parent === null), ...categories.filter((c) => c.parent !== null)]
  for (const category of ordered) {
    if (ids.has(category.slug)) continue
    const parentId = category.parent === null ? null : ids.get(category.parent)!
    ids.set(category.slug, library.categories.insert(category.slug, category.name, parentId))
    added = true
  }
  if (added) library.reloadCategories()
}

function applyPrompt (library: Library, writer: PromptWriter, prompt: PlannedPrompt, author: string, report: ImportReport): void {
  const head = library.prompts.head(prompt.id)
  if (!head) {
    writer.create({ id: prompt.id, category: prompt.category, template: prompt.template, variables: prompt.variables, tags: prompt.tags }, author)
    report.created.push(prompt.id)
    return
  }
  const restored = head.deletedAt !== null
  if (restored) writer.restore(prompt.id)
  const { changed } = writer.patch(prompt.id, promptEtag(prompt.id, head.currentVersion), {
    category: prompt.category, template: prompt.template, variables: prompt.variables, tags: prompt.tags
  }, author)
  if (changed || restored) report.updated.push(prompt.id)
  else report.unchanged++
}
