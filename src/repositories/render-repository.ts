// SQL for rendering: the few narrow lookups a render needs, and the batched render-count flush.
import type { Sqlite } from '../db/open.js'
import type { Variable } from '../domain/variable.js'

export interface RenderSource {
  template: string
  variables: Variable[]
}

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
    this.sourceStatement = sqlite.prepare<[string, number], { template: string, variables: string }>(
      'SELECT template, variables FROM prompt_versions WHERE prompt_id = ? AND version = ?')
    this.labelStatement = sqlite.prepare<[string, string], { version: number }>(
      'SELECT version FROM prompt_labels WHERE prompt_id = ? AND label = ?')
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
    return raw && { template: raw.template, variables: JSON.parse(raw.variables) as Variable[] }
  }

  labelledVersion (id: string, label: string): number | undefined {
    return this.labelStatement.get(id, label)?.version
  }

  /** Adds every delta to prompt_versions.render_count in one transaction. */
  addRenderCounts (deltas: readonly RenderCountDelta[]): void {
    this.flushTransaction.immediate(deltas)
  }
}
