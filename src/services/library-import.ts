// Imports a library (a PROMPTS.md document or the JSON export) in one all-or-nothing transaction.
// A prompt whose id is new is created; one whose content differs gets a new version; the rest are
// unchanged. Prompts the document does not mention are kept as they are.
import { placeCategories, type PlannedCategory } from '../domain/category-placement.js'
import { BadRequestError, DomainError } from '../domain/errors.js'
import { type LibraryDocument, promptId } from '../domain/prompts-markdown.js'
import type { ChatEntry } from '../domain/chat-messages.js'
import type { VariableDeclaration } from '../domain/prompt-input.js'
import type { Variable } from '../domain/variable.js'
import type { LibraryExport } from '../schemas/library-export.js'
import type { Library } from './library.js'
import { PromptWriter } from './prompt-writer.js'

export interface ImportReport {
  created: string[]
  updated: string[]
  unchanged: number
}

interface PlannedPrompt {
  id: string
  category: string
  type: 'text' | 'chat' | undefined
  template: string | undefined
  messages: ChatEntry[] | undefined
  /** undefined keeps a prompt's config (Markdown carries none). */
  config: object | undefined
  message: string | undefined
  variables: VariableDeclaration[] | undefined
  /**
   * true when the variables were read from `[label]`s, which say only a description and examples:
   * a stored prompt keeps its required and default, and all it has for a label that is just the name.
   */
  fromLabels: boolean
  /** undefined keeps a prompt's tags (Markdown carries none). */
  tags: string[] | undefined
  /** Where it came from, for error messages: "line 176" or "#/prompts/3". */
  source: string
}

export interface ImportPlan {
  categories: PlannedCategory[]
  prompts: PlannedPrompt[]
  /** Text around the prompts; a part left out (or empty, from Markdown) keeps the stored one. */
  document?: { preamble?: string, closing?: string }
}

export function planFromMarkdown (document: LibraryDocument): ImportPlan {
  const categories: PlannedCategory[] = []
  const prompts: PlannedPrompt[] = []
  for (const section of document.sections) {
    for (const category of [section, ...section.children]) {
      categories.push({ slug: category.slug, name: category.name, parent: category === section ? null : section.slug })
      category.prompts.forEach((prompt, index) => prompts.push({
        id: promptId(category, index),
        category: category.slug,
        type: 'text',
        template: prompt.template,
        messages: undefined,
        config: undefined,
        message: undefined,
        variables: prompt.variables,
        fromLabels: true,
        tags: undefined,
        source: `line ${prompt.line}`
      }))
    }
  }
  // A partial document (no title, no closing text) leaves the stored ones as they are.
  const text: { preamble?: string, closing?: string } = {}
  if (document.preamble !== '') text.preamble = document.preamble
  if (document.closing !== '') text.closing = document.closing
  return { categories, prompts, document: text }
}

export function planFromJson (library: LibraryExport): ImportPlan {
  return {
    categories: library.categories.map(({ slug, name, parent }) => ({ slug, name, parent })),
    prompts: library.prompts.map((prompt, index) => ({
      id: prompt.id,
      category: prompt.category,
      type: prompt.type ?? (prompt.messages === undefined ? 'text' : 'chat'),
      template: prompt.template,
      messages: prompt.messages,
      config: prompt.config ?? {},
      message: prompt.message,
      variables: prompt.variables,
      fromLabels: false,
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
      // Prompts are indexed for search once, together, at the end: one reindex run per prompt cost most of an
      // import. A failed import or a dry run rolls the deferral back with everything else.
      library.searchIndex.defer()
      addCategories(library, plan.categories)
      if (plan.document?.preamble !== undefined) library.meta.set('preamble', plan.document.preamble)
      if (plan.document?.closing !== undefined) library.meta.set('closing', plan.document.closing)
      const each = (apply: (prompt: PlannedPrompt) => void): void => {
        for (const prompt of plan.prompts) {
          try {
            apply(prompt)
          } catch (error) {
            if (error instanceof DomainError && error.status < 500) {
              throw new BadRequestError(`${prompt.source} (prompt "${prompt.id}"): ${error.message}`, [{ pointer: prompt.source.startsWith('#') ? prompt.source : `#/line/${prompt.source.slice(5)}`, detail: error.message }])
            }
            throw error
          }
        }
      }
      // Prompts may include prompts later in the document: includes are checked once every prompt is in.
      writer.deferIncludeChecks = true
      each((prompt) => applyPrompt(library, writer, prompt, options.author, report))
      each((prompt) => writer.checkImportedIncludes(prompt.id))
      if (options.dryRun) throw new DryRunRollback(report)
      library.searchIndex.indexQueued()
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

/** Adds the categories the store lacks at their place in the document's order (see placeCategories). */
function addCategories (library: Library, categories: readonly PlannedCategory[]): void {
  const rows = library.categories.all()
  const ids = new Map(rows.map((row) => [row.slug, row.id]))
  const slugOf = new Map(rows.map((row) => [row.id, row.slug]))
  const stored = rows.map((row) => ({ slug: row.slug, parent: row.parentId === null ? null : slugOf.get(row.parentId)!, position: row.position }))
  const insertions = placeCategories(stored, categories)
  for (const category of insertions) {
    const parentId = category.parent === null ? null : ids.get(category.parent)!
    ids.set(category.slug, library.categories.insertAt(category.slug, category.name, parentId, category.position))
  }
  if (insertions.length > 0) library.reloadCategories()
}

function applyPrompt (library: Library, writer: PromptWriter, prompt: PlannedPrompt, author: string, report: ImportReport): void {
  const head = library.prompts.head(prompt.id)
  if (!head) {
    writer.insert(withoutUndefined({
      id: prompt.id, category: prompt.category, type: prompt.type, template: prompt.template, messages: prompt.messages,
      variables: prompt.variables, tags: prompt.tags, config: prompt.config, message: prompt.message
    }), author)
    report.created.push(prompt.id)
    return
  }
  const restored = head.deletedAt !== null
  if (restored) writer.restore(prompt.id, author)
  const variables = prompt.fromLabels && prompt.variables
    ? withStoredDetails(prompt.variables, library.prompts.current(prompt.id)!.variables)
    : prompt.variables
  const { changed } = writer.patch(prompt.id, head.currentVersion, withoutUndefined({
    category: prompt.category, type: prompt.type, template: prompt.template, messages: prompt.messages,
    variables, tags: prompt.tags, config: prompt.config, message: prompt.message
  }), author)
  if (changed || restored) report.updated.push(prompt.id)
  else report.unchanged++
}

/** Only the fields that are set: a field left out keeps what is stored. */
function withoutUndefined<T extends object> (value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T
}

/**
 * Variables read from labels, completed from the stored version: a label that is just the name says
 * nothing, so the stored variable stays whole; any other label sets the description and examples.
 * required and default have no place in a label and are always kept.
 */
function withStoredDetails (fromLabels: readonly VariableDeclaration[], stored: readonly Variable[]): VariableDeclaration[] {
  const byName = new Map(stored.map((variable) => [variable.name, variable]))
  return fromLabels.map((variable) => {
    const known = byName.get(variable.name)
    if (!known) return variable
    if (variable.description === variable.name) return known
    const merged: VariableDeclaration = { name: variable.name, description: variable.description ?? '', examples: variable.examples ?? [], required: known.required }
    if (known.default !== undefined) merged.default = known.default
    return merged
  })
}
