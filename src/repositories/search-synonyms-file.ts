// The search synonyms shipped in seed/search-synonyms.json (see domain/search-synonyms.ts for the format).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../project-root.js'

export const synonymsPath = join(projectRoot, 'seed', 'search-synonyms.json')

export function readSynonymsFile (path = synonymsPath): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown
}
