// A word diff of two texts, for versions the API's diff does not cover (chat messages):
// the same shape as GET /v1/prompts/:id/diff's changes, [{ op: 'equal' | 'added' | 'removed', text }].

const TOKEN = /\s+|[^\s]+/g
const MAX_CELLS = 4_000_000

export function wordDiff (from, to) {
  const a = from.match(TOKEN) ?? []
  const b = to.match(TOKEN) ?? []
  if (a.length * b.length > MAX_CELLS) {
    return [{ op: 'removed', text: from }, { op: 'added', text: to }].filter((c) => c.text !== '')
  }
  // Longest common subsequence over tokens, filled from the end so the walk below goes forward.
  const width = b.length + 1
  const lengths = new Uint32Array((a.length + 1) * width)
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] = a[i] === b[j]
        ? lengths[(i + 1) * width + j + 1] + 1
        : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
    }
  }
  const changes = []
  const push = (op, text) => {
    const last = changes[changes.length - 1]
    if (last && last.op === op) last.text += text
    else changes.push({ op, text })
  }
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { push('equal', a[i]); i++; j++ } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) push('removed', a[i++])
    else push('added', b[j++])
  }
  while (i < a.length) push('removed', a[i++])
  while (j < b.length) push('added', b[j++])
  return changes
}

/** A chat prompt's messages as one text, one message a paragraph, for the diff. */
export function messagesText (messages) {
  return (messages ?? []).map((m) => m.placeholder !== undefined ? `[placeholder: ${m.placeholder}]` : `${m.role}: ${m.content}`).join('\n\n')
}
