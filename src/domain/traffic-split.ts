// Traffic splits: a label that points at 2–10 versions with integer weights summing to 100. A subject
// (a user id, a session) is placed by a stable hash of (prompt id, label, subject), so it stays on one
// version for as long as the splits stay the same; without a subject the choice is random by weight.
import { createHash } from 'node:crypto'

export interface TrafficSplit {
  version: number
  weight: number
}

export const MIN_SPLITS = 2
export const MAX_SPLITS = 10
export const MAX_SUBJECT_LENGTH = 200

/** Why the splits are not valid, with the pointer below the splits array, or undefined when they are. */
export function splitsProblem (splits: readonly TrafficSplit[]): { pointer: string, detail: string } | undefined {
  if (splits.length < MIN_SPLITS || splits.length > MAX_SPLITS) return { pointer: '', detail: `must have ${MIN_SPLITS} to ${MAX_SPLITS} entries` }
  const seen = new Set<number>()
  for (const [index, split] of splits.entries()) {
    if (!Number.isInteger(split.weight) || split.weight < 1) return { pointer: `/${index}/weight`, detail: 'must be a positive whole number' }
    if (seen.has(split.version)) return { pointer: `/${index}/version`, detail: `version ${split.version} appears twice` }
    seen.add(split.version)
  }
  const total = splits.reduce((sum, split) => sum + split.weight, 0)
  if (total !== 100) return { pointer: '', detail: `weights must sum to 100, not ${total}` }
  return undefined
}

/** The version a label row stores for a split: the one with the largest weight (the first on a tie). */
export function primaryVersion (splits: readonly TrafficSplit[]): number {
  return splits.reduce((best, split) => split.weight > best.weight ? split : best).version
}

/** A point in [0, 100) for the subject: the first 32 bits of SHA-256 over the three parts. */
export function subjectPoint (promptId: string, label: string, subject: string): number {
  const digest = createHash('sha256').update(`${promptId}\u0000${label}\u0000${subject}`).digest()
  return (digest.readUInt32BE(0) / 2 ** 32) * 100
}

/** The version served to `subject` (or to a random draw when there is none). */
export function chooseSplit (splits: readonly TrafficSplit[], promptId: string, label: string, subject: string | undefined, random: () => number = Math.random): number {
  const point = subject === undefined ? random() * 100 : subjectPoint(promptId, label, subject)
  let upper = 0
  for (const split of splits) {
    upper += split.weight
    if (point < upper) return split.version
  }
  return splits[splits.length - 1]!.version
}
