// Category slugs, as the API contract defines them.

/** "6. Error Handling and Sagas" -> "error-handling-and-sagas"; "Prompts for Sagas" -> "sagas". */
export function categorySlug (heading: string): string {
  return categoryName(heading).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
}

/** A heading without its leading number or its "Prompts for " prefix: the category's display name. */
export function categoryName (heading: string): string {
  return heading.trim().replace(/^\d+\.\s*/, '').replace(/^Prompts for\s+/i, '').trim()
}

export const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$'
