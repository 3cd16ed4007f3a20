// What a conditional write expects a prompt's current version to be: one version, any of several, or any at all.
// Routes turn If-Match into this; writers compare it with the version they find inside their transaction.

export type ExpectedVersion = number | readonly number[] | 'any'

export function isExpectedVersion (expected: ExpectedVersion, current: number): boolean {
  if (expected === 'any') return true
  if (typeof expected === 'number') return expected === current
  return expected.includes(current)
}
