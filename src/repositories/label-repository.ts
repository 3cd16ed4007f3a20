// SQL for labels as records: where each points (one version or a traffic split), who moved it last,
// and the history of every change.
import type { Sqlite } from '../db/open.js'
import type { TrafficSplit } from '../domain/traffic-split.js'

/** Where a label points: one version, or a split over several. */
export type LabelTarget = { version: number } | { splits: TrafficSplit[] }

export interface LabelRecord {
  label: string
  version: number
  splits: TrafficSplit[] | null
  updatedAt: string
  updatedBy: string | null
  /** The id of the label's newest history entry (0 when it has none): what its ETag names. */
  revision: number
}

export interface LabelHistoryEntry {
  id: number
  from: LabelTarget | null
  to: LabelTarget | null
  by: string
  at: string
  reason: string | null
}

interface StoredLabel extends Omit<LabelRecord, 'splits'> { splits: string | null }
interface StoredHistory { id: number, fromTarget: string | null, toTarget: string | null, by: string, at: string, reason: string | null }

const LABEL_COLUMNS = `l.label, l.version, l.splits, l.updated_at AS updatedAt, l.updated_by AS updatedBy,
  (SELECT coalesce(max(h.id), 0) FROM label_history h WHERE h.prompt_id = l.prompt_id AND h.label = l.label) AS revision`

function parseLabel (row: StoredLabel): LabelRecord {
  return { ...row, splits: row.splits === null ? null : JSON.parse(row.splits) as TrafficSplit[] }
}

function parseHistory (row: StoredHistory): LabelHistoryEntry {
  return {
    id: row.id,
    from: row.fromTarget === null ? null : JSON.parse(row.fromTarget) as LabelTarget,
    to: row.toTarget === null ? null : JSON.parse(row.toTarget) as LabelTarget,
    by: row.by,
    at: row.at,
    reason: row.reason
  }
}

export class LabelRepository {
  private readonly listStatement
  private readonly oneStatement
  private readonly targetStatement
  private readonly upsertStatement
  private readonly deleteStatement
  private readonly addHistoryStatement
  private readonly historyStatement
  private readonly lastHistoryStatement

  constructor (sqlite: Sqlite) {
    this.listStatement = sqlite.prepare<[string], StoredLabel>(`SELECT ${LABEL_COLUMNS} FROM prompt_labels l WHERE l.prompt_id = ? ORDER BY l.label`)
    this.oneStatement = sqlite.prepare<[string, string], StoredLabel>(`SELECT ${LABEL_COLUMNS} FROM prompt_labels l WHERE l.prompt_id = ? AND l.label = ?`)
    this.targetStatement = sqlite.prepare<[string, string], { version: number, splits: string | null }>(
      'SELECT version, splits FROM prompt_labels WHERE prompt_id = ? AND label = ?')
    this.upsertStatement = sqlite.prepare<{ id: string, label: string, version: number, splits: string | null, updatedAt: string, updatedBy: string }>(
      `INSERT INTO prompt_labels (prompt_id, label, version, splits, updated_at, updated_by) VALUES (@id, @label, @version, @splits, @updatedAt, @updatedBy)
      ON CONFLICT (prompt_id, label) DO UPDATE SET version = excluded.version, splits = excluded.splits,
        updated_at = excluded.updated_at, updated_by = excluded.updated_by`)
    this.deleteStatement = sqlite.prepare<[string, string]>('DELETE FROM prompt_labels WHERE prompt_id = ? AND label = ?')
    this.addHistoryStatement = sqlite.prepare<{ id: string, label: string, from: string | null, to: string | null, by: string, at: string, reason: string | null }>(
      `INSERT INTO label_history (prompt_id, label, from_target, to_target, by, at, reason)
      VALUES (@id, @label, @from, @to, @by, @at, @reason)`)
    this.historyStatement = sqlite.prepare<{ id: string, label: string, before: number | null, limit: number }, StoredHistory>(
      `SELECT id, from_target AS fromTarget, to_target AS toTarget, by, at, reason FROM label_history
      WHERE prompt_id = @id AND label = @label AND (@before IS NULL OR id < @before) ORDER BY id DESC LIMIT @limit`)
    this.lastHistoryStatement = sqlite.prepare<[string, string], StoredHistory>(
      `SELECT id, from_target AS fromTarget, to_target AS toTarget, by, at, reason FROM label_history
      WHERE prompt_id = ? AND label = ? ORDER BY id DESC LIMIT 1`)
  }

  list (promptId: string): LabelRecord[] {
    return this.listStatement.all(promptId).map(parseLabel)
  }

  one (promptId: string, label: string): LabelRecord | undefined {
    const row = this.oneStatement.get(promptId, label)
    return row === undefined ? undefined : parseLabel(row)
  }

  /** Where the label points, for reads: the hot path, one indexed row. */
  target (promptId: string, label: string): LabelTarget | undefined {
    const row = this.targetStatement.get(promptId, label)
    if (row === undefined) return undefined
    return row.splits === null ? { version: row.version } : { splits: JSON.parse(row.splits) as TrafficSplit[] }
  }

  set (promptId: string, label: string, version: number, splits: TrafficSplit[] | null, updatedAt: string, updatedBy: string): void {
    this.upsertStatement.run({ id: promptId, label, version, splits: splits === null ? null : JSON.stringify(splits), updatedAt, updatedBy })
  }

  delete (promptId: string, label: string): void {
    this.deleteStatement.run(promptId, label)
  }

  addHistory (promptId: string, label: string, entry: Omit<LabelHistoryEntry, 'id'>): void {
    this.addHistoryStatement.run({
      id: promptId,
      label,
      from: entry.from === null ? null : JSON.stringify(entry.from),
      to: entry.to === null ? null : JSON.stringify(entry.to),
      by: entry.by,
      at: entry.at,
      reason: entry.reason
    })
  }

  /** Newest first, those older than `before` when given. */
  history (promptId: string, label: string, before: number | null, limit: number): LabelHistoryEntry[] {
    return this.historyStatement.all({ id: promptId, label, before, limit }).map(parseHistory)
  }

  lastChange (promptId: string, label: string): LabelHistoryEntry | undefined {
    const row = this.lastHistoryStatement.get(promptId, label)
    return row === undefined ? undefined : parseHistory(row)
  }
}
