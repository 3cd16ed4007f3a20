// SQL for prompts, their versions and tags. Statements are prepared once; rows come out typed from the
// drizzle schema, with the JSON columns (variables, tags, messages, config) parsed here and nowhere else.
import type { Sqlite } from '../db/open.js'
import type { prompts, promptVersions } from '../db/schema.js'
import type { ChatEntry } from '../domain/chat-messages.js'
import type { PromptConfig } from '../domain/prompt-config.js'
import type { PromptType } from '../domain/prompt-content.js'
import type { Variable } from '../domain/variable.js'

type PromptColumns = typeof prompts.$inferSelect
type VersionColumns = typeof promptVersions.$inferSelect

/** The stored JSON columns of a version, as values. */
export interface VersionContent {
  variables: Variable[]
  tags: string[]
}

/** The columns of a version that hold a prompt's kind, chat entries and config, parsed here like the others. */
export interface RichColumns {
  type: PromptType
  /** The entries of a chat prompt; null for a text prompt. */
  messages: ChatEntry[] | null
  config: PromptConfig
  /** The commit message, null when none was sent. */
  message: string | null
}

/** The rich columns as stored. */
interface StoredRichColumns {
  type: string
  messages: string | null
  config: string
  message: string | null
}

/** A prompt's version joined with its prompts row: what reads show. */
export type PromptRow = Pick<PromptColumns, 'id' | 'createdAt' | 'position'> &
  Pick<VersionColumns, 'categoryId' | 'version' | 'template' | 'createdBy' | 'renderCount'> & VersionContent & RichColumns & {
    /** When this version was made. */
    updatedAt: string
    categoryPosition: number
  }

/** A row as read: its JSON columns still text. */
export type StoredRow<T extends VersionContent & RichColumns> = Omit<T, keyof VersionContent | keyof RichColumns> &
  { variables: string, tags: string } & StoredRichColumns

/** Parses the JSON columns of a row as read, in place (rows are fresh objects per query). */
export function parseVersionColumns<T extends VersionContent & RichColumns> (raw: StoredRow<T>): T {
  const row = raw as unknown as T
  row.variables = JSON.parse(raw.variables) as Variable[]
  row.tags = JSON.parse(raw.tags) as string[]
  row.type = raw.type === 'chat' ? 'chat' : 'text'
  row.messages = raw.messages === null ? null : JSON.parse(raw.messages) as ChatEntry[]
  row.config = raw.config === '{}' ? {} : JSON.parse(raw.config) as PromptConfig
  return row
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

export interface ListFilter {
  /** Category ids to include (a category and everything below it); null for all. */
  categoryIds: number[] | null
  tag: string | null
  /** Exclusive start: the (category position, prompt position) of the previous page's last item. */
  after: { categoryPosition: number, position: number } | null
  limit: number
}

/** A version to insert; type, messages, config and message default to a text prompt's. */
export type NewVersion = Omit<VersionColumns, 'renderCount' | keyof VersionContent | keyof RichColumns> & VersionContent & Partial<RichColumns>

/** The prompts row itself, deleted or not: what a write checks and moves. */
export type PromptHead = Pick<PromptColumns, 'id' | 'categoryId' | 'position' | 'currentVersion' | 'deletedAt'>

const BASE_COLUMNS = `p.id, v.category_id AS categoryId, v.version, v.template, v.variables, v.tags,
  p.created_at AS createdAt, v.created_at AS updatedAt, v.created_by AS createdBy, v.render_count AS renderCount,
  c.position AS categoryPosition, p.position`

export class PromptRepository {
  private readonly listStatement
  private readonly currentStatement
  private readonly versionStatement
  private readonly currentManyStatement
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
    this.listStatement = sqlite.prepare<Record<string, unknown>, StoredRow<PromptRow>>(`SELECT ${COLUMNS}
      FROM prompts p
      JOIN prompt_versions v ON v.prompt_id = p.id AND v.version = p.current_version
      JOIN categories c ON c.id = p.category_id
      WHERE p.deleted_at IS NULL
        AND (@categoryIds IS NULL OR p.category_id IN (SELECT value FROM json_each(@categoryIds)))
        AND (@tag IS NULL OR EXISTS (SELECT 1 FROM prompt_tags t WHERE t.prompt_id = p.id AND t.tag = @tag))
        AND (@afterCategory IS NULL OR (c.position, p.position) > (@afterCategory, @afterPosition))
      ORDER BY c.position, p.position
      LIMIT @limit`)
    this.currentStatement = sqlite.prepare<[string], StoredRow<PromptRow>>(`SELECT ${COLUMNS}
      FROM prompts p
      JOIN prompt_versions v ON v.prompt_id = p.id AND v.version = p.current_version
      JOIN categories c ON c.id = p.category_id
      WHERE p.id = ? AND p.deleted_at IS NULL`)
    this.currentManyStatement = sqlite.prepare<[string], StoredRow<PromptRow>>(`SELECT ${COLUMNS}
      FROM prompts p
      JOIN prompt_versions v ON v.prompt_id = p.id AND v.version = p.current_version
      JOIN categories c ON c.id = p.category_id
      WHERE p.id IN (SELECT value FROM json_each(?)) AND p.deleted_at IS NULL`)
    this.versionStatement = sqlite.prepare<[string, number], StoredRow<PromptRow>>(`SELECT ${COLUMNS}
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
    this.insertVersionStatement = sqlite.prepare<Record<string, unknown>>(rich
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
    // Through prompts_numbered_id_idx: ids whose trailing digits follow "<prefix>-" directly, at most 9 of them
    // and without a leading zero, so that the longest and then greatest id holds the largest number.
    this.maxNumberedIdStatement = sqlite.prepare<{ prefix: string }, { max: number }>(
      `SELECT CAST(substr(id, length(@prefix) + 2) AS INTEGER) AS max FROM prompts
      WHERE rtrim(id, '0123456789') = @prefix || '-' AND length(id) > length(@prefix) + 1 AND length(id) <= length(@prefix) + 10
        AND substr(id, length(@prefix) + 2, 1) <> '0'
      ORDER BY length(id) DESC, id DESC LIMIT 1`)
  }

  list (filter: ListFilter): PromptRow[] {
    return this.listStatement.all({
      categoryIds: filter.categoryIds === null ? null : JSON.stringify(filter.categoryIds),
      tag: filter.tag,
      afterCategory: filter.after?.categoryPosition ?? null,
      afterPosition: filter.after?.position ?? null,
      limit: filter.limit
    }).map(parseVersionColumns)
  }

  /** The current version of a live (not deleted) prompt. */
  current (id: string): PromptRow | undefined {
    const raw = this.currentStatement.get(id)
    return raw && parseVersionColumns(raw)
  }

  /** The current versions of the live prompts among ids, by id: one query for a page of search hits. */
  currentMany (ids: readonly string[]): Map<string, PromptRow> {
    const rows = new Map<string, PromptRow>()
    if (ids.length === 0) return rows
    for (const raw of this.currentManyStatement.all(JSON.stringify(ids))) rows.set(raw.id, parseVersionColumns(raw))
    return rows
  }

  version (id: string, version: number): PromptRow | undefined {
    const raw = this.versionStatement.get(id, version)
    return raw && parseVersionColumns(raw)
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
    const stored = { ...version, variables: JSON.stringify(version.variables), tags: JSON.stringify(version.tags) }
    if (this.insertRich) {
      this.insertVersionStatement.run({
        ...stored,
        type: version.type ?? 'text',
        messages: version.messages == null ? null : JSON.stringify(version.messages),
        config: version.config === undefined ? '{}' : JSON.stringify(version.config),
        message: version.message ?? null
      })
    } else {
      const { promptId, version: number, template, variables, tags, categoryId, createdBy, createdAt } = stored
      this.insertVersionStatement.run({ promptId, version: number, template, variables, tags, categoryId, createdBy, createdAt })
    }
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

  /** The largest n among ids `<prefix>-<n>` (n of at most 9 digits, no leading zero), or 0. */
  maxNumberedId (prefix: string): number {
    return this.maxNumberedIdStatement.get({ prefix })?.max ?? 0
  }
}
