// Optimal string alignment distance (Levenshtein plus adjacent transpositions), bounded: typo tolerance
// only ever asks "within 1 or 2?", so the computation stops as soon as the answer is no. Corrections compare a
// word with every vocabulary word of a similar length (tens of thousands in a large library), so the three rows
// of the table live in buffers reused across calls rather than arrays made for each row.

let rows = new Int32Array(3 * 64)

/** The distance between a and b, or max + 1 when it exceeds max. */
export function editDistance (a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  if (a === b) return 0
  const width = b.length + 1
  if (rows.length < 3 * width) rows = new Int32Array(3 * width * 2)
  // Row i of the table is at ((i % 3) * width): the current row, the one before, and the one before that.
  for (let j = 0; j < width; j++) rows[j] = j
  for (let i = 1; i <= a.length; i++) {
    const current = (i % 3) * width
    const previous = ((i - 1) % 3) * width
    const previous2 = ((i + 1) % 3) * width
    const ai = a.charCodeAt(i - 1)
    rows[current] = i
    let rowMin = i
    for (let j = 1; j < width; j++) {
      const bj = b.charCodeAt(j - 1)
      let value = rows[previous + j - 1]! + (ai === bj ? 0 : 1)
      const deletion = rows[previous + j]! + 1
      if (deletion < value) value = deletion
      const insertion = rows[current + j - 1]! + 1
      if (insertion < value) value = insertion
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        const transposition = rows[previous2 + j - 2]! + 1
        if (transposition < value) value = transposition
      }
      rows[current + j] = value
      if (value < rowMin) rowMin = value
    }
    if (rowMin > max) return max + 1
  }
  const distance = rows[(a.length % 3) * width + b.length]!
  return distance > max ? max + 1 : distance
}
