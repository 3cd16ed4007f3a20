// SQL for a prompt's version history and its labels.
import type { Sqlite } from '../db/open.js'
import { parseVersionColumns, richColumns, type NewVersion, type RichColumns, type StoredRow } from './prompt-repository.js'

/** A stored version: what was inserted (its JSON columns parsed), and how often it has been rendered. */
export type VersionRow = Omit<NewVersion, 'promptId' | keyof RichColumns> & RichColumns & { renderCount: number }
type StoredVersionRow = StoredRow<VersionRow>

export interface LabelRow {
  label: string
  version: number
  updatedAt: string
}

const BASE_COLUMNS = `version, template, variables, tags, category_id AS categoryId, created_by AS createdBy,
  created_at AS createdAt, render_count AS renderCount`

export class PromptHistoryRepository {
  private readonly pageStatement
  private readonly oneStatement
  private readonly labelsStatement

  constructor (sqlite: Sqlite) {
    const VERSION_COLUMNS = `${BASE_COLUMNS}, ${richColumns(sqlite)}`
    this.pageStatement = sqlite.prepare<{ id: string, before: number | null, limit: number }, StoredVersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM prompt_versions v
      WHERE prompt_id = @id AND (@before IS NULL OR version < @before)
      ORDER BY version DESC LIMIT @limit`)
    this.oneStatement = sqlite.prepare<[string, number], StoredVersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM prompt_versions v WHERE prompt_id = ? AND version = ?`)
    this.labelsStatement = sqlite.prepare<[string], LabelRow>(
      'SELECT label, version, updated_at AS updatedAt FROM prompt_labels WHERE prompt_id = ? ORDER BY label')
  }

  /** Versions newest first, those below `before` when given. */
  page (id: string, before: number | null, limit: number): VersionRow[] {
    return this.pageStatement.all({ id, before, limit }).map((raw) => parseVersionColumns<VersionRow>(raw))
  }

  one (id: string, version: number): VersionRow | undefined {
    const raw = this.oneStatement.get(id, version)
    return raw && parseVersionColumns<VersionRow>(raw)
  }

  labels (id: string): LabelRow[] {
    return this.labelsStatement.all(id)
  }
}
