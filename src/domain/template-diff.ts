// The text changes between two templates, word by word, and the variables added and removed. Pure.
import { parseTemplate } from './template.js'

export type DiffOp = 'equal' | 'added' | 'removed'

export interface DiffChunk {
  op: DiffOp
  text: string
}

export interface TemplateDiff {
  changes: DiffChunk[]
  variables: { added: string[], removed: string[] }
}

// A placeholder is one token, so a renamed variable reads as one word replaced by another.
const TOKEN = /\{\{[^{}]*\}\}|\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu
// The LCS table is (n+1)*(m+1) cells: beyond this a finer diff costs more than it tells.
const MAX_TABLE_CELLS = 1_000_000

export function diffTemplates (from: string, to: string): TemplateDiff {
  const before = parseTemplate(from).variables
  const after = parseTemplate(to).variables
  return {
    changes: diffText(from, to),
    variables: {
      added: after.filter((name) => !before.includes(name)),
      removed: before.filter((name) => !after.includes(name))
    }
  }
}

/** Word-level diff; falls back to lines, then to one removal and one insertion, for very long texts. */
export function diffText (from: string, to: string): DiffChunk[] {
  const words = diffTokens(from.match(TOKEN) ?? [], to.match(TOKEN) ?? [])
  if (words) return words
  const lines = diffTokens(splitLines(from), splitLines(to))
  if (lines) return lines
  return merge([...from === '' ? [] : [{ op: 'removed' as const, text: from }], ...to === '' ? [] : [{ op: 'added' as const, text: to }]])
}

function splitLines (text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? []
}

function diffTokens (a: readonly string[], b: readonly string[]): DiffChunk[] | undefined {
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB-- }
  const n = endA - start
  const m = endB - start
  if ((n + 1) * (m + 1) > MAX_TABLE_CELLS) return undefined

  const chunks: DiffChunk[] = []
  const push = (op: DiffOp, text: string): void => { chunks.push({ op, text }) }
  for (let i = 0; i < start; i++) push('equal', a[i]!)
  // lcs[i][j]: length of the longest common subsequence of a[start+i..endA) and b[start+j..endB).
  const width = m + 1
  const lcs = new Uint32Array((n + 1) * width)
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[start + i] === b[start + j]
        ? lcs[(i + 1) * width + j + 1]! + 1
        : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!)
    }
  }
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      push('equal', a[start + i]!); i++; j++
    } else if (j < m && (i === n || lcs[i * width + j + 1]! >= lcs[(i + 1) * width + j]!)) {
      push('added', b[start + j]!); j++
    } else {
      push('removed', a[start + i]!); i++
    }
  }
  for (let k = endA; k < a.length; k++) push('equal', a[k]!)
  return merge(chunks)
}

/** Joins neighbouring chunks of the same kind; removals come before additions at each change. */
function merge (chunks: readonly DiffChunk[]): DiffChunk[] {
  const out: DiffChunk[] = []
  let removed = ''
  let added = ''
  const flush = (): void => {
    if (removed !== '') out.push({ op: 'removed', text: removed })
    if (added !== '') out.push({ op: 'added', text: added })
    removed = ''
    added = ''
  }
  chunks.forEach((chunk, index) => {
    if (chunk.op === 'removed') removed += chunk.text
    else if (chunk.op === 'added') added += chunk.text
    else if (removed !== '' && added !== '' && /^\s+$/.test(chunk.text) && (chunks[index + 1]?.op ?? 'equal') !== 'equal') {
      // A space between two replaced words joins them: "including all" -> "listing every" reads as one change.
      removed += chunk.text
      added += chunk.text
    } else {
      flush()
      const last = out[out.length - 1]
      if (last?.op === 'equal') last.text += chunk.text
      else out.push({ op: 'equal', text: chunk.text })
    }
  })
  flush()
  return out
}
