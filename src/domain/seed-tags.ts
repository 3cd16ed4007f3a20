// Tags for prompts that arrive without any (the seed document has none): topic words found in the text.
// Kept as a table so that adding a tag is a one-line change.
const TAG_RULES: Array<[tag: string, pattern: RegExp]> = [
  ['rea', /\brea\b/i],
  ['go', /\bGo\b/],
  ['virtual-objects', /virtual objects?/i],
  ['workflows', /workflow/i],
  ['sagas', /\bsagas?\b/i],
  ['awakeables', /awakeable/i],
  ['promises', /\bpromises?\b/i],
  ['state', /\bstate\b/i],
  ['determinism', /determinis/i],
  ['error-handling', /\berrors?\b|\bretr(y|ies)\b|failure/i],
  ['concurrency', /concurren|parallel|fan-?out|fan-in|race/i],
  ['testing', /\btest/i],
  ['security', /secur|authenticat|authoriz/i],
  ['observability', /observability|logging|metrics|tracing|monitor/i],
  ['performance', /performance|throughput|scal(e|ing|ability)|optimi/i],
  ['kubernetes', /kubernetes/i],
  ['deployment', /deploy/i],
  ['migration', /migrat/i],
  ['integration', /integrat/i]
]

export function tagsForText (text: string): string[] {
  return TAG_RULES.filter(([, pattern]) => pattern.test(text)).map(([tag]) => tag)
}
