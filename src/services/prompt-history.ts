// Reading a prompt's history: its versions (newest first), one version, and the diff of two.
import { canonicalJson } from '../domain/canonical-json.js'
import { type ChatEntry, chatAsText } from '../domain/chat-messages.js'
import { NotFoundError } from '../domain/errors.js'
import { decodeRowIdCursor, encodeRowIdCursor } from '../domain/row-id-cursor.js'
import type { PromptConfig } from '../domain/prompt-config.js'
import { diffTemplates, type TemplateDiff } from '../domain/template-diff.js'
import type { Variable } from '../domain/variable.js'
import type { VersionRow } from '../repositories/prompt-history-repository.js'
import type { Library } from './library.js'
import { withRichFields } from './prompt-view.js'

export interface VersionView {
  id: string
  version: number
  category: string
  type?: 'chat'
  template?: string
  messages?: ChatEntry[]
  variables: Variable[]
  tags: string[]
  config: PromptConfig
  createdAt: string
  createdBy: string
  message: string | null
  /** Labels that point at this version. */
  labels: string[]
}

export interface VersionPage {
  items: VersionView[]
  nextCursor: string | null
}

export interface PromptDiff extends TemplateDiff {
  id: string
  from: number
  to: number
  tags: { added: string[], removed: string[] }
  category: { from: string, to: string }
  config: { changed: boolean, from: PromptConfig, to: PromptConfig }
  message: string | null
}

const CURSOR_PREFIX = 'v1:'

export class PromptHistory {
  constructor (private readonly library: Library) {}

  page (id: string, limit: number, cursor: string | undefined): VersionPage {
    this.requireLive(id)
    const before = cursor === undefined ? null : decodeRowIdCursor(CURSOR_PREFIX, cursor)
    const rows = this.library.history.page(id, before, limit + 1)
    const page = rows.slice(0, limit)
    const labels = this.labelsByVersion(id)
    return {
      items: page.map((row) => this.view(id, row, labels)),
      nextCursor: rows.length > limit ? encodeRowIdCursor(CURSOR_PREFIX, page[page.length - 1]!.version) : null
    }
  }

  one (id: string, version: number): VersionView {
    return this.view(id, this.requireVersion(id, version), this.labelsByVersion(id))
  }

  /** From `from` (default: the version before `to`) to `to` (default: the current version). */
  diff (id: string, from: number | undefined, to: number | undefined): PromptDiff {
    const head = this.requireLive(id)
    const toVersion = to ?? head.currentVersion
    const fromVersion = from ?? Math.max(1, toVersion - 1)
    const a = this.requireVersion(id, fromVersion)
    const b = this.requireVersion(id, toVersion)
    const tagsA = a.tags
    const tagsB = b.tags
    const tree = this.library.categoryTree
    return {
      id,
      from: fromVersion,
      to: toVersion,
      ...diffTemplates(contentText(a), contentText(b)),
      tags: { added: tagsB.filter((tag) => !tagsA.includes(tag)), removed: tagsA.filter((tag) => !tagsB.includes(tag)) },
      category: { from: tree.byId(a.categoryId).slug, to: tree.byId(b.categoryId).slug },
      config: { changed: canonicalJson(a.config) !== canonicalJson(b.config), from: a.config, to: b.config },
      message: b.message
    }
  }

  private requireLive (id: string): { currentVersion: number } {
    const head = this.library.prompts.head(id)
    // A deleted prompt answers 404 everywhere, history included, until it is restored.
    if (!head || head.deletedAt !== null) throw new NotFoundError(`no prompt with the id "${id}"`)
    return head
  }

  private requireVersion (id: string, version: number): VersionRow {
    this.requireLive(id)
    const row = this.library.history.one(id, version)
    if (!row) throw new NotFoundError(`prompt "${id}" has no version ${version}`)
    return row
  }

  private labelsByVersion (id: string): Map<number, string[]> {
    const out = new Map<number, string[]>()
    for (const row of this.library.history.labels(id)) out.set(row.version, [...out.get(row.version) ?? [], row.label])
    return out
  }

  private view (id: string, row: VersionRow, labels: Map<number, string[]>): VersionView {
    const view: VersionView = {
      id,
      version: row.version,
      category: this.library.categoryTree.byId(row.categoryId).slug,
      template: row.template,
      variables: row.variables,
      tags: row.tags,
      config: row.config,
      createdAt: row.createdAt,
      createdBy: row.createdBy,
      message: row.message,
      labels: labels.get(row.version) ?? []
    }
    return withRichFields(view, row)
  }
}

/** What the word diff compares: a text prompt's template, or a chat prompt's messages as lines. */
function contentText (row: VersionRow): string {
  return row.type === 'chat' ? chatAsText(row.messages ?? []) : row.template
}
