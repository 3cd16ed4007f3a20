// What a refused write must leave untouched: counted straight from the SQLite file.
import type { TestApp } from './test-app.js'

export function versionCount (t: TestApp): number {
  return (t.app.library.store.sqlite.prepare('SELECT count(*) AS n FROM prompt_versions').get() as { n: number }).n
}

export function promptCount (t: TestApp): number {
  return (t.app.library.store.sqlite.prepare('SELECT count(*) AS n FROM prompts').get() as { n: number }).n
}
