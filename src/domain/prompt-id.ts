// Prompt ids, as the API contract defines them: the same shape as a category slug, at most 100 characters.
import { SLUG_PATTERN } from './slug.js'

export const PROMPT_ID_PATTERN = SLUG_PATTERN
export const MAX_PROMPT_ID_LENGTH = 100
