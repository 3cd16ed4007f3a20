// Every change to a prompt: create, patch, delete and restore. Each is one transaction, and the
// checks that guard it (the id is free, the expected version is the current one) run inside it, so concurrent
// writers, in this process or another on the same file, queue on BEGIN IMMEDIATE and exactly one wins.
import { BadRequestError, ConflictError, NotFoundError, PreconditionFailedError } from '../domain/errors.js'
import { canonicalJson } from '../domain/canonical-json.js'
import { isExpectedVersion, type ExpectedVersion } from '../domain/expected-version.js'
import type { IncludeFailure } from '../domain/partials.js'
import type { ChatEntry } from '../domain/chat-messages.js'
import { checkConfig } from '../domain/prompt-config.js'
import { contentOf, contentText, contentVariableNames, type PromptType } from '../domain/prompt-content.js'
import { MAX_PROMPT_ID_LENGTH } from '../domain/prompt-id.js'
import { normalizedTags, type VariableDeclaration, variablesForNames } from '../domain/prompt-input.js'
import { tagsForText } from '../domain/seed-tags.js'
import type { PromptHead } from '../repositories/prompt-repository.js'
import type { PromptView } from '../schemas/prompt.js'
import { CreatePromptBody, PatchPromptBody } from '../schemas/prompt-write.js'
import { schemaCheck } from '../schemas/schema-check.js'
import type { Library } from './library.js'
import { toPromptView } from './prompt-view.js'
import { pointedTemplates, StoreIncludes } from './store-includes.js'
import { recordWebhookEvent } from './webhook-events.js'

/** What a version holds besides its template: all optional, as POST and PATCH take them. */
interface RichInput {
  type?: PromptType
  messages?: ChatEntry[]
  config?: object
  /** The commit message of the version the write makes. */
  message?: string
}

export interface CreatePromptInput extends RichInput {
  id?: string
  category: string
  template?: string
  tags?: string[]
  variables?: VariableDeclaration[]
}

export interface PatchPromptInput extends RichInput {
  category?: string
  template?: string
  tags?: string[]
  variables?: VariableDeclaration[]
}

// A prompt that was included as text may be changed to a chat prompt later; its includers' renders then answer 422,
// and an export of that store must import back as it is.
const IMPORT_TOLERATED: ReadonlySet<IncludeFailure> = new Set(['missing', 'deleted', 'chat', 'no-version', 'no-label'])

// Every write (HTTP, import, CLI) keeps the limits of POST and PATCH: template, id, tags, variables.
const checkCreate = schemaCheck(CreatePromptBody, 'the prompt')
const checkPatch = schemaCheck(PatchPromptBody, 'the prompt')

export class PromptWriter {
  private readonly includes: StoreIncludes
  /** An import writes many prompts that may include each other in any order, and checks their includes once all are in. */
  deferIncludeChecks = false

  constructor (private readonly library: Library, private readonly now: () => string = () => new Date().toISOString()) {
    this.includes = new StoreIncludes(library.prompts, library.labels)
  }

  /**
   * Refuses (400) a prompt whose current version makes a cycle or nests too deep. For an import, which carries
   * neither deleted prompts nor history nor labels, an include of a prompt, version or label the store lacks, or
   * of a prompt that has since become a chat prompt, is kept: rendering it is the 422 it is in the exporting store.
   */
  checkImportedIncludes (id: string): void {
    const row = this.library.prompts.current(id)
    if (row) this.includes.check(id, pointedTemplates(row), IMPORT_TOLERATED)
  }

  /** Version 1 of a new prompt, at the end of its category. Tags default to the topics found in the text. */
  create (input: CreatePromptInput, author: string): PromptView {
    const row = this.library.transaction(() => this.library.prompts.current(this.insert(input, author))!)
    return this.includes.withIncludedVariables(toPromptView(row, this.library.categoryTree), row)
  }

  /** What create stores, answering the new prompt's id (an import reads nothing back). */
  insert (input: CreatePromptInput, author: string): string {
    checkCreate(input)
    const content = contentOf(input)
    const categoryId = this.categoryId(input.category)
    const variables = variablesForNames(contentVariableNames(content), input.variables)
    const config = input.config === undefined ? {} : checkConfig(input.config)
    const tags = normalizedTags(input.tags ?? tagsForText(contentText(content)))
    const { prompts } = this.library
    return this.library.transaction(() => {
      const id = input.id ?? this.nextId(input.category)
      const existing = prompts.head(id)
      if (existing) {
        throw new ConflictError(existing.deletedAt === null
          ? `a prompt with the id "${id}" already exists: PATCH it, or choose another id`
          : `the id "${id}" belongs to a deleted prompt: restore it, or choose another id`)
      }
      if (!this.deferIncludeChecks) this.includes.check(id, pointedTemplates(content))
      const now = this.now()
      prompts.insertPrompt(id, categoryId, prompts.nextPosition(categoryId), 1, now)
      prompts.insertVersion({
        promptId: id, version: 1, template: content.template, variables, tags, categoryId, createdBy: author, createdAt: now,
        type: content.type, messages: content.messages, config, message: input.message ?? null
      })
      prompts.setTags(id, tags)
      recordWebhookEvent(this.library, 'prompt.created', { id, version: 1, by: author })
      return id
    })
  }

  /**
   * A new version from the fields sent, if they change anything; the prompt as it now stands. `expected` is the
   * version the edit was made on: another version current by now is a 412 with nothing changed.
   */
  patch (id: string, expected: ExpectedVersion, input: PatchPromptInput, author: string): { prompt: PromptView, changed: boolean } {
    checkPatch(input)
    const newConfig = input.config === undefined ? undefined : checkConfig(input.config)
    const newCategoryId = input.category === undefined ? undefined : this.categoryId(input.category)
    const { prompts } = this.library
    const result = this.library.transaction(() => {
      const head = this.liveHead(id)
      this.checkExpected(id, head, expected)
      const current = prompts.current(id)!
      const content = contentOf(input, current)
      const { template } = content
      const messages = content.messages
      const variables = variablesForNames(contentVariableNames(content), input.variables, current.variables)
      const tags = input.tags === undefined ? current.tags : normalizedTags(input.tags)
      const categoryId = newCategoryId ?? current.categoryId
      const config = newConfig === undefined || canonicalJson(newConfig) === canonicalJson(current.config) ? current.config : newConfig
      const sameContent = content.type === current.type && template === current.template &&
        JSON.stringify(messages) === JSON.stringify(current.messages)
      const sameVariables = JSON.stringify(variables) === JSON.stringify(current.variables)
      const sameTags = JSON.stringify(tags) === JSON.stringify(current.tags)
      if (sameContent && sameVariables && sameTags && categoryId === current.categoryId && config === current.config) {
        return { row: current, changed: false, moved: false }
      }
      if (!this.deferIncludeChecks) this.includes.check(id, pointedTemplates(content))
      const version = head.currentVersion + 1
      const moved = categoryId !== head.categoryId
      const now = this.now()
      prompts.insertVersion({ promptId: id, version, template, variables, tags, categoryId, createdBy: author, createdAt: now, type: content.type, messages, config, message: input.message ?? null })
      prompts.moveHead(id, version, categoryId, moved ? prompts.nextPosition(categoryId) : head.position, now)
      if (!sameTags) prompts.setTags(id, tags)
      recordWebhookEvent(this.library, 'prompt.version.created', { id, version, by: author })
      return { row: prompts.current(id)!, changed: true, moved }
    })
    if (result.moved) this.library.reloadCategories()
    return { prompt: this.includes.withIncludedVariables(toPromptView(result.row, this.library.categoryTree), result.row), changed: result.changed }
  }

  /** Soft delete: the prompt leaves lists and reads; its rows and history stay. */
  remove (id: string, expected: ExpectedVersion = 'any', author = 'unknown'): void {
    this.library.transaction(() => {
      const head = this.liveHead(id)
      this.checkExpected(id, head, expected)
      this.library.prompts.setDeleted(id, this.now())
      recordWebhookEvent(this.library, 'prompt.deleted', { id, version: head.currentVersion, by: author })
    })
  }

  /** Brings a deleted prompt back as it was; restoring a live prompt changes nothing. */
  restore (id: string, author = 'unknown'): PromptView {
    const { prompts } = this.library
    const row = this.library.transaction(() => {
      const head = prompts.head(id)
      if (!head) throw new NotFoundError(`no prompt with the id "${id}"`)
      if (head.deletedAt !== null) {
        prompts.setDeleted(id, null)
        recordWebhookEvent(this.library, 'prompt.restored', { id, version: head.currentVersion, by: author })
      }
      return prompts.current(id)!
    })
    return toPromptView(row, this.library.categoryTree)
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
