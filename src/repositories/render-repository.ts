// SQL for rendering: the few narrow lookups a render needs, and the batched render-count flush.
import type { Sqlite } from '../db/open.js'
import type { ChatEntry } from '../domain/chat-messages.js'
import type { PromptConfig } from '../domain/prompt-config.js'
import type { TrafficSplit } from '../domain/traffic-split.js'
import type { Variable } from '../domain/variable.js'
import type { LabelTarget } from './label-repository.js'
import type { RichColumns } from './prompt-repository.js'

export interface RenderSource extends Omit<RichColumns, 'message'> {
  template: string
  variables: Variable[]
}

type StoredRenderSource = { template: string, variables: string, type: string, messages: string | null, config: string }

export interface RenderCountDelta {
  promptId: string
  version: number
  count: number
}

export class RenderRepository {
  private readonly currentVersionStatement
  private readonly sourceStatement
  private readonly labelStatement
  private readonly addCountStatement
  private readonly flushTransaction

  constructor (sqlite: Sqlite) {
    // pluck: the one column comes back as a number, with no row object built on this hot path.
    this.currentVersionStatement = sqlite.prepare<[string], number>(
      'SELECT current_version FROM prompts WHERE id = ? AND deleted_at IS NULL').pluck()
    this.sourceStatement = sqlite.prepare<[string, number], StoredRenderSource>(
      'SELECT template, variables, type, messages, config FROM prompt_versions WHERE prompt_id = ? AND version = ?')
    this.labelStatement = sqlite.prepare<[string, string], { version: number, splits: string | null }>(
      'SELECT version, splits FROM prompt_labels WHERE prompt_id = ? AND label = ?')
    this.addCountStatement = sqlite.prepare<[number, string, number]>(
      'UPDATE prompt_versions SET render_count = render_count + ? WHERE prompt_id = ? AND version = ?')
    this.flushTransaction = sqlite.transaction((deltas: readonly RenderCountDelta[]) => {
      for (const delta of deltas) this.addCountStatement.run(delta.count, delta.promptId, delta.version)
    })
  }

  /** The current version of a live prompt; undefined when it does not exist or is deleted. */
  currentVersion (id: string): number | undefined {
    return this.currentVersionStatement.get(id)
  }

  /** The template and variables of one version (versions are immutable, so this may be cached). */
  source (id: string, version: number): RenderSource | undefined {
    const raw = this.sourceStatement.get(id, version)
    return raw && {
      template: raw.template,
      variables: JSON.parse(raw.variables) as Variable[],
      type: raw.type === 'chat' ? 'chat' : 'text',
      messages: raw.messages === null ? null : JSON.parse(raw.messages) as ChatEntry[],
      config: raw.config === '{}' ? {} : JSON.parse(raw.config) as PromptConfig
    }
  }

  /** The version a label names; for a split label, its main version (the split with the largest weight). */
  labelledVersion (id: string, label: string): number | undefined {
    return this.labelStatement.get(id, label)?.version
  }

  /** Where a label points: one version, or a traffic split. */
  labelTarget (id: string, label: string): LabelTarget | undefined {
    const row = this.labelStatement.get(id, label)
    if (row === undefined) return undefined
    return row.splits === null ? { version: row.version } : { splits: JSON.parse(row.splits) as TrafficSplit[] }
  }

  /** Adds every delta to prompt_versions.render_count in one transaction. */
  addRenderCounts (deltas: readonly RenderCountDelta[]): void {
    this.flushTransaction.immediate(deltas)
  }
}
