// SQL for prompts, their versions and tags. Statements are prepared once; rows are plain objects.
import type { Sqlite } from '../db/open.js'
import type { ChatEntry } from '../domain/chat-messages.js'
import type { PromptConfig } from '../domain/prompt-config.js'
import type { PromptType } from '../domain/prompt-content.js'

/** The columns of a version that hold JSON, parsed here so that no caller parses them again. */
export interface RichColumns {
  type: PromptType
  /** The entries of a chat prompt; null for a text prompt. */
  messages: ChatEntry[] | null
  config: PromptConfig
  /** The commit message, null when none was sent. */
  message: string | null
}

/** The same columns as stored. */
export interface StoredRichColumns {
  type: string
  messages: string | null
  config: string
  message: string | null
}

/** Reads a row's stored rich columns into RichColumns, in place (rows are fresh objects per query). */
export function parseRichColumns<T extends StoredRichColumns> (row: T): Omit<T, keyof StoredRichColumns> & RichColumns {
  const parsed = row as unknown as RichColumns
  parsed.type = row.type === 'chat' ? 'chat' : 'text'
  parsed.messages = row.messages === null ? null : JSON.parse(row.messages) as ChatEntry[]
  parsed.config = row.config === '{}' ? {} : JSON.parse(row.config) as PromptConfig
  return parsed as Omit<T, keyof StoredRichColumns> & RichColumns
}

/**
 * The rich columns as a select list over prompt_versions `v`. A store not yet migrated to 0002 (one that a
 * tool opens as it is, like the release before did) reads as text prompts with an empty config.
 */
export function richColumns (sqlite: Sqlite): string {
  return hasRichColumns(sqlite) ? 'v.type, v.messages, v.config, v.message' : "'text' AS type, NULL AS messages, '{}' AS config, NULL AS message"
}

function hasRichColumns (sqlite: Sqlite): boolean {
  return sqlite.prepare("SELECT count(*) FROM pragma_table_info('prompt_versions') WHERE name = 'type'").pluck().get() === 1
}

export interface PromptRow extends RichColumns {
  id: string
  categoryId: number
  version: number
  template: string
  /** JSON text. */
  variables: string
  /** JSON text. */
  tags: string
  createdAt: string
  updatedAt: string
  createdBy: string
  renderCount: number
  categoryPosition: number
  position: number
}

export interface ListFilter {
  /** Category ids to include (a category and everything below it); null for all. */
  categoryIds: number[] | null
  tag: string | null
  /** Exclusive start: the (category position, prompt position) of the previous page's last item. */
  after: { categoryPosition: number, position: number } | null
  limit: number
}

export interface NewVersion {
  promptId: string
  version: number
  template: string
  variables: string
  tags: string
  categoryId: number
  createdBy: string
  createdAt: string
  /** Default "text". */
  type?: PromptType
  /** JSON text of the chat entries; null (the default) for a text prompt. */
  messages?: string | null
  /** JSON text of an object; default '{}'. */
  config?: string
  message?: string | null
}

/** The prompts row itself, deleted or not: what a write checks and moves. */
export interface PromptHead {
  id: string
  categoryId: number
  position: number
  currentVersion: number
  deletedAt: string | null
}

const BASE_COLUMNS = `p.id, v.category_id AS categoryId, v.version, v.template, v.variables, v.tags,
  p.created_at AS createdAt, v.created_at AS updatedAt, v.created_by AS createdBy, v.render_count AS renderCount,
  c.position AS categoryPosition, p.position`

type StoredPromptRow = Omit<PromptRow, keyof RichColumns> & StoredRichColumns

export class PromptRepository {
  private readonly listStatement
  private readonly currentStatement
  private readonly versionStatement
  private readonly tagsStatement
  private readonly existsStatement
  private readonly insertPromptStatement
  private readonly insertVersionStatement
  private readonly deleteTagsStatement
  private readonly insertTagStatement
  private readonly nextPositionStatement
  private readonly liveCountStatement
  private readonly headStatement
  private readonly moveHeadStatement
  private readonly setDeletedStatement
  private readonly maxNumberedIdStatement
  private readonly insertRich: boolean

  constructor (sqlite: Sqlite) {
    const rich = hasRichColumns(sqlite)
    const COLUMNS = `${BASE_COLUMNS}, ${richColumns(sqlite)}`
    this.listStatement = sqlite.prepare<Record<string, unknown>, StoredPromptRow>(`SELECT ${COLUMNS}
      FROM prompts p
      JOIN prompt_versions v ON v.prompt_id = p.id AND v.version = p.current_version
      JOIN categories c ON c.id = p.category_id
      WHERE p.deleted_at IS NULL
        AND (@categoryIds IS NULL OR p.category_id IN (SELECT value FROM json_each(@categoryIds)))
        AND (@tag IS NULL OR EXISTS (SELECT 1 FROM prompt_tags t WHERE t.prompt_id = p.id AND t.tag = @tag))
        AND (@afterCategory IS NULL OR (c.position, p.position) > (@afterCategory, @afterPosition))
      ORDER BY c.position, p.position
      LIMIT @limit`)
    this.currentStatement = sqlite.prepare<[string], StoredPromptRow>(`SELECT ${COLUMNS}
      FROM prompts p
      JOIN prompt_versions v ON v.prompt_id = p.id AND v.version = p.current_version
      JOIN categories c ON c.id = p.category_id
      WHERE p.id = ? AND p.deleted_at IS NULL`)
    this.versionStatement = sqlite.prepare<[string, number], StoredPromptRow>(`SELECT ${COLUMNS}
      FROM prompts p
      JOIN prompt_versions v ON v.prompt_id = p.id
      JOIN categories c ON c.id = p.category_id
      WHERE p.id = ? AND v.version = ? AND p.deleted_at IS NULL`)
    this.tagsStatement = sqlite.prepare<[], { tag: string, count: number }>(`SELECT t.tag, count(*) AS count
      FROM prompt_tags t JOIN prompts p ON p.id = t.prompt_id
      WHERE p.deleted_at IS NULL GROUP BY t.tag ORDER BY count DESC, t.tag`)
    this.existsStatement = sqlite.prepare<[string], { deleted: number }>(
      'SELECT deleted_at IS NOT NULL AS deleted FROM prompts WHERE id = ?')
    this.insertPromptStatement = sqlite.prepare<[string, number, number, number, string, string]>(
      'INSERT INTO prompts (id, category_id, position, current_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    this.insertVersionStatement = sqlite.prepare<Partial<NewVersion>>(rich
      ? `INSERT INTO prompt_versions
      (prompt_id, version, template, variables, tags, category_id, created_by, created_at, type, messages, config, message)
      VALUES (@promptId, @version, @template, @variables, @tags, @categoryId, @createdBy, @createdAt, @type, @messages, @config, @message)`
      : `INSERT INTO prompt_versions (prompt_id, version, template, variables, tags, category_id, created_by, created_at)
      VALUES (@promptId, @version, @template, @variables, @tags, @categoryId, @createdBy, @createdAt)`)
    this.insertRich = rich
    this.deleteTagsStatement = sqlite.prepare<[string]>('DELETE FROM prompt_tags WHERE prompt_id = ?')
    this.insertTagStatement = sqlite.prepare<[string, string]>('INSERT OR IGNORE INTO prompt_tags (prompt_id, tag) VALUES (?, ?)')
    this.nextPositionStatement = sqlite.prepare<[number], { next: number }>(
      'SELECT coalesce(max(position), 0) + 1 AS next FROM prompts WHERE category_id = ?')
    this.liveCountStatement = sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM prompts WHERE deleted_at IS NULL')
    this.headStatement = sqlite.prepare<[string], PromptHead>(`SELECT id, category_id AS categoryId, position,
      current_version AS currentVersion, deleted_at AS deletedAt FROM prompts WHERE id = ?`)
    this.moveHeadStatement = sqlite.prepare<{ id: string, version: number, categoryId: number, position: number, updatedAt: string }>(
      `UPDATE prompts SET current_version = @version, category_id = @categoryId, position = @position, updated_at = @updatedAt
      WHERE id = @id`)
    this.setDeletedStatement = sqlite.prepare<[string | null, string]>('UPDATE prompts SET deleted_at = ? WHERE id = ?')
    // Ids of the form <prefix>-<n>, deleted ones included: their ids stay taken. Only n of up to 9 digits
    // count, so that n + 1 stays an exact integer (a client may create "sagas-99999999999999999999").
    this.maxNumberedIdStatement = sqlite.prepare<{ prefix: string }, { max: number | null }>(
      `SELECT max(CAST(substr(id, length(@prefix) + 2) AS INTEGER)) AS max FROM prompts
      WHERE id GLOB @prefix || '-[0-9]*' AND substr(id, length(@prefix) + 2) NOT GLOB '*[^0-9]*'
        AND length(id) - length(@prefix) - 1 <= 9`)
  }

  list (filter: ListFilter): PromptRow[] {
    return this.listStatement.all({
      categoryIds: filter.categoryIds === null ? null : JSON.stringify(filter.categoryIds),
      tag: filter.tag,
      afterCategory: filter.after?.categoryPosition ?? null,
      afterPosition: filter.after?.position ?? null,
      limit: filter.limit
    }).map(parseRichColumns)
  }

  /** The current version of a live (not deleted) prompt. */
  current (id: string): PromptRow | undefined {
    const row = this.currentStatement.get(id)
    return row && parseRichColumns(row)
  }

  version (id: string, version: number): PromptRow | undefined {
    const row = this.versionStatement.get(id, version)
    return row && parseRichColumns(row)
  }

  tagCounts (): Array<{ tag: string, count: number }> {
    return this.tagsStatement.all()
  }

  /** undefined when no prompt has this id; otherwise whether it is soft-deleted. */
  existence (id: string): 'live' | 'deleted' | undefined {
    const row = this.existsStatement.get(id)
    if (!row) return undefined
    return row.deleted ? 'deleted' : 'live'
  }

  liveCount (): number {
    return this.liveCountStatement.get()!.n
  }

  nextPosition (categoryId: number): number {
    return this.nextPositionStatement.get(categoryId)!.next
  }

  insertPrompt (id: string, categoryId: number, position: number, version: number, createdAt: string): void {
    this.insertPromptStatement.run(id, categoryId, position, version, createdAt, createdAt)
  }

  insertVersion (version: NewVersion): void {
    if (this.insertRich) this.insertVersionStatement.run({ type: 'text', messages: null, config: '{}', message: null, ...version })
    else this.insertVersionStatement.run({ promptId: version.promptId, version: version.version, template: version.template, variables: version.variables, tags: version.tags, categoryId: version.categoryId, createdBy: version.createdBy, createdAt: version.createdAt })
  }

  /** Replaces the tag index of a prompt with its current version's tags. */
  setTags (promptId: string, tags: readonly string[]): void {
    this.deleteTagsStatement.run(promptId)
    for (const tag of tags) this.insertTagStatement.run(promptId, tag)
  }

  /** The prompts row, live or deleted; read inside a write's transaction. */
  head (id: string): PromptHead | undefined {
    return this.headStatement.get(id)
  }

  /** Points a prompt at a new current version, in a category at a position. */
  moveHead (id: string, version: number, categoryId: number, position: number, updatedAt: string): void {
    this.moveHeadStatement.run({ id, version, categoryId, position, updatedAt })
  }

  /** Soft delete (a timestamp) or restore (null): rows and history stay. */
  setDeleted (id: string, deletedAt: string | null): void {
    this.setDeletedStatement.run(deletedAt, id)
  }

  /** The largest n among ids `<prefix>-<n>`, or 0. */
  maxNumberedId (prefix: string): number {
    return this.maxNumberedIdStatement.get({ prefix })?.max ?? 0
  }
}
