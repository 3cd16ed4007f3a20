// Every change to a prompt: create, patch, delete, restore and labels. Each is one transaction, and the
// checks that guard it (the id is free, the expected version is the current one) run inside it, so concurrent
// writers, in this process or another on the same file, queue on BEGIN IMMEDIATE and exactly one wins.
import { BadRequestError, ConflictError, NotFoundError, PreconditionFailedError } from '../domain/errors.js'
import { isExpectedVersion, type ExpectedVersion } from '../domain/expected-version.js'
import { MAX_PROMPT_ID_LENGTH } from '../domain/prompt-id.js'
import { normalizedTags, type VariableDeclaration, variablesFor } from '../domain/prompt-input.js'
import { tagsForText } from '../domain/seed-tags.js'
import type { PromptHead } from '../repositories/prompt-repository.js'
import type { PromptView } from '../schemas/prompt.js'
import { CreatePromptBody, PatchPromptBody } from '../schemas/prompt-write.js'
import { schemaCheck } from '../schemas/schema-check.js'
import type { Library } from './library.js'
import { toPromptView } from './prompt-view.js'

export interface CreatePromptInput {
  id?: string
  category: string
  template: string
  tags?: string[]
  variables?: VariableDeclaration[]
}

export interface PatchPromptInput {
  category?: string
  template?: string
  tags?: string[]
  variables?: VariableDeclaration[]
}

export interface LabelPointer {
  label: string
  version: number
  updatedAt: string
}

// Every write (HTTP, import, CLI) keeps the limits of POST and PATCH: template, id, tags, variables.
const checkCreate = schemaCheck(CreatePromptBody, 'the prompt')
const checkPatch = schemaCheck(PatchPromptBody, 'the prompt')

export class PromptWriter {
  constructor (private readonly library: Library, private readonly now: () => string = () => new Date().toISOString()) {}

  /** Version 1 of a new prompt, at the end of its category. Tags default to the topics found in the text. */
  create (input: CreatePromptInput, author: string): PromptView {
    checkCreate(input)
    const categoryId = this.categoryId(input.category)
    const variables = variablesFor(input.template, input.variables)
    const tags = normalizedTags(input.tags ?? tagsForText(input.template))
    const { prompts } = this.library
    const row = this.library.transaction(() => {
      const id = input.id ?? this.nextId(input.category)
      const existing = prompts.head(id)
      if (existing) {
        throw new ConflictError(existing.deletedAt === null
          ? `a prompt with the id "${id}" already exists: PATCH it, or choose another id`
          : `the id "${id}" belongs to a deleted prompt: restore it, or choose another id`)
      }
      const now = this.now()
      prompts.insertPrompt(id, categoryId, prompts.nextPosition(categoryId), 1, now)
      prompts.insertVersion({ promptId: id, version: 1, template: input.template, variables, tags, categoryId, createdBy: author, createdAt: now })
      prompts.setTags(id, tags)
      return prompts.current(id)!
    })
    return toPromptView(row, this.library.categoryTree)
  }

  /**
   * A new version from the fields sent, if they change anything; the prompt as it now stands. `expected` is the
   * version the edit was made on: another version current by now is a 412 with nothing changed.
   */
  patch (id: string, expected: ExpectedVersion, input: PatchPromptInput, author: string): { prompt: PromptView, changed: boolean } {
    checkPatch(input)
    const newCategoryId = input.category === undefined ? undefined : this.categoryId(input.category)
    const { prompts } = this.library
    const result = this.library.transaction(() => {
      const head = this.liveHead(id)
      this.checkExpected(id, head, expected)
      const current = prompts.current(id)!
      const template = input.template ?? current.template
      const variables = variablesFor(template, input.variables, current.variables)
      const tags = input.tags === undefined ? current.tags : normalizedTags(input.tags)
      const categoryId = newCategoryId ?? current.categoryId
      const sameVariables = JSON.stringify(variables) === JSON.stringify(current.variables)
      const sameTags = JSON.stringify(tags) === JSON.stringify(current.tags)
      if (template === current.template && sameVariables && sameTags && categoryId === current.categoryId) {
        return { row: current, changed: false, moved: false }
      }
      const version = head.currentVersion + 1
      const moved = categoryId !== head.categoryId
      const now = this.now()
      prompts.insertVersion({ promptId: id, version, template, variables, tags, categoryId, createdBy: author, createdAt: now })
      prompts.moveHead(id, version, categoryId, moved ? prompts.nextPosition(categoryId) : head.position, now)
      if (!sameTags) prompts.setTags(id, tags)
      return { row: prompts.current(id)!, changed: true, moved }
    })
    if (result.moved) this.library.reloadCategories()
    return { prompt: toPromptView(result.row, this.library.categoryTree), changed: result.changed }
  }

  /** Soft delete: the prompt leaves lists and reads; its rows and history stay. */
  remove (id: string, expected: ExpectedVersion = 'any'): void {
    this.library.transaction(() => {
      const head = this.liveHead(id)
      this.checkExpected(id, head, expected)
      this.library.prompts.setDeleted(id, this.now())
    })
  }

  /** Brings a deleted prompt back as it was; restoring a live prompt changes nothing. */
  restore (id: string): PromptView {
    const { prompts } = this.library
    const row = this.library.transaction(() => {
      const head = prompts.head(id)
      if (!head) throw new NotFoundError(`no prompt with the id "${id}"`)
      if (head.deletedAt !== null) prompts.setDeleted(id, null)
      return prompts.current(id)!
    })
    return toPromptView(row, this.library.categoryTree)
  }

  /** Points `label` at one of the prompt's versions. */
  setLabel (id: string, label: string, version: number): LabelPointer {
    return this.library.transaction(() => {
      this.liveHead(id)
      if (!this.library.history.one(id, version)) {
        throw new BadRequestError(`prompt "${id}" has no version ${version}`, [{ pointer: '#/version', detail: `no version ${version}` }])
      }
      const updatedAt = this.now()
      this.library.history.setLabel(id, label, version, updatedAt)
      return { label, version, updatedAt }
    })
  }

  private liveHead (id: string): PromptHead {
    const head = this.library.prompts.head(id)
    if (!head || head.deletedAt !== null) throw new NotFoundError(`no prompt with the id "${id}"`)
    return head
  }

  private checkExpected (id: string, head: PromptHead, expected: ExpectedVersion): void {
    if (!isExpectedVersion(expected, head.currentVersion)) {
      throw new PreconditionFailedError(`If-Match does not name the current version of "${id}" (now version ${head.currentVersion}): nothing was changed; GET it, reapply your edit, and retry`)
    }
  }

  private categoryId (slug: string): number {
    const node = this.library.categoryTree.bySlug(slug)
    if (!node) {
      throw new BadRequestError(`unknown category "${slug}": GET /v1/categories lists the slugs`,
        [{ pointer: '#/category', detail: `no category "${slug}"` }])
    }
    return node.id
  }

  /** `<category>-<n>` with the next n after every id of that form, like the seeded ids (sagas-6). */
  private nextId (categorySlug: string): string {
    // maxNumberedId ignores suffixes over 9 digits, so a few probes past it always find a free id.
    let n = this.library.prompts.maxNumberedId(categorySlug) + 1
    for (let probes = 0; this.library.prompts.head(`${categorySlug}-${n}`); probes++) {
      if (probes >= 1000) throw new ConflictError(`no free id of the form ${categorySlug}-<n> was found: send an id`)
      n++
    }
    const id = `${categorySlug}-${n}`
    if (id.length > MAX_PROMPT_ID_LENGTH) {
      throw new BadRequestError('the category slug is too long to make an id from: send an id', [{ pointer: '#/id', detail: 'is required for this category' }])
    }
    return id
  }
}
