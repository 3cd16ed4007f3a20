// SQL for a prompt's version history and its labels.
import type { Sqlite } from '../db/open.js'
import { parseVersionColumns, type NewVersion } from './prompt-repository.js'

/** A stored version: what was inserted, and how often it has been rendered. */
export type VersionRow = Omit<NewVersion, 'promptId'> & { renderCount: number }
type StoredVersionRow = Omit<VersionRow, 'variables' | 'tags'> & { variables: string, tags: string }

export interface LabelRow {
  label: string
  version: number
  updatedAt: string
}

const VERSION_COLUMNS = `version, template, variables, tags, category_id AS categoryId, created_by AS createdBy,
  created_at AS createdAt, render_count AS renderCount`

export class PromptHistoryRepository {
  private readonly pageStatement
  private readonly oneStatement
  private readonly labelsStatement
  private readonly setLabelStatement

  constructor (sqlite: Sqlite) {
    this.pageStatement = sqlite.prepare<{ id: string, before: number | null, limit: number }, StoredVersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM prompt_versions
      WHERE prompt_id = @id AND (@before IS NULL OR version < @before)
      ORDER BY version DESC LIMIT @limit`)
    this.oneStatement = sqlite.prepare<[string, number], StoredVersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM prompt_versions WHERE prompt_id = ? AND version = ?`)
    this.labelsStatement = sqlite.prepare<[string], LabelRow>(
      'SELECT label, version, updated_at AS updatedAt FROM prompt_labels WHERE prompt_id = ? ORDER BY label')
    this.setLabelStatement = sqlite.prepare<[string, string, number, string]>(
      `INSERT INTO prompt_labels (prompt_id, label, version, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (prompt_id, label) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at`)
  }

  /** Versions newest first, those below `before` when given. */
  page (id: string, before: number | null, limit: number): VersionRow[] {
    return this.pageStatement.all({ id, before, limit }).map((raw) => parseVersionColumns<VersionRow>(raw))
  }

  one (id: string, version: number): VersionRow | undefined {
    const raw = this.oneStatement.get(id, version)
    return raw && parseVersionColumns(raw)
  }

  labels (id: string): LabelRow[] {
    return this.labelsStatement.all(id)
  }

  setLabel (id: string, label: string, version: number, updatedAt: string): void {
    this.setLabelStatement.run(id, label, version, updatedAt)
  }
}
