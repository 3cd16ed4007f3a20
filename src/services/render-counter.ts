// Render counts per prompt version, counted in memory and written in batches, so that a render
// costs no database write. flush() runs on a timer and when the app closes.
import type { RenderCountDelta } from '../repositories/render-repository.js'

export type CountWriter = (deltas: readonly RenderCountDelta[]) => void

export class RenderCounter {
  private pendingCounts = new Map<string, RenderCountDelta>()
  /** Renders recorded since start (shown by /metrics). */
  recorded = 0
  /** Every render counted by this process, written or not: readers add what was counted since they read the store. */
  private readonly totals = new Map<string, number>()

  constructor (private readonly write: CountWriter) {}

  private static key (promptId: string, version: number): string {
    return `${promptId}\n${version}`
  }

  record (promptId: string, version: number, count = 1): void {
    this.recorded += count
    const key = RenderCounter.key(promptId, version)
    this.totals.set(key, (this.totals.get(key) ?? 0) + count)
    const delta = this.pendingCounts.get(key)
    if (delta) delta.count += count
    else this.pendingCounts.set(key, { promptId, version, count })
  }

  /** Renders of a version counted by this process since it started (only versions that exist are ever counted). */
  counted (promptId: string, version: number): number {
    return this.totals.get(RenderCounter.key(promptId, version)) ?? 0
  }

  /** Renders counted but not yet written. */
  pending (promptId: string, version: number): number {
    return this.pendingCounts.get(RenderCounter.key(promptId, version))?.count ?? 0
  }

  /** Writes every pending count in one go; on failure the counts stay pending for the next flush. */
  flush (): number {
    if (this.pendingCounts.size === 0) return 0
    const batch = this.pendingCounts
    this.pendingCounts = new Map()
    const deltas = [...batch.values()]
    try {
      this.write(deltas)
    } catch (error) {
      for (const delta of deltas) this.restore(delta)
      throw error
    }
    return deltas.length
  }

  private restore (delta: RenderCountDelta): void {
    const key = RenderCounter.key(delta.promptId, delta.version)
    const pending = this.pendingCounts.get(key)
    if (pending) pending.count += delta.count
    else this.pendingCounts.set(key, { ...delta })
  }
}
