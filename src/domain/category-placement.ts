// Where an imported document's new categories go in the store's document order: a subsection after the category
// before it in the document (when that is in the same section), else at the end of its section; a section after
// the whole subtree of the section before it; the first category of a document before everything. Pure: the
// caller inserts the categories in the order given, each at its position, moving down those at or after it.

export interface StoredCategory {
  slug: string
  /** The parent's slug; null for a section. */
  parent: string | null
  position: number
}

export interface PlannedCategory {
  slug: string
  name: string
  parent: string | null
}

export interface CategoryInsertion extends PlannedCategory {
  position: number
}

/** The insertions that add the planned categories the store lacks, in the order they must be made. */
export function placeCategories (stored: readonly StoredCategory[], planned: readonly PlannedCategory[]): CategoryInsertion[] {
  const placed = new Map<string, { parent: string | null, position: number }>()
  for (const row of stored) placed.set(row.slug, { parent: row.parent, position: row.position })
  const plannedIndex = new Map(planned.map((category, index) => [category.slug, index]))
  const sections = new Map<string, string>()
  const sectionOf = (slug: string): string => {
    let section = sections.get(slug)
    if (section === undefined) {
      const parent = placed.get(slug)!.parent
      section = parent === null ? slug : sectionOf(parent)
      sections.set(slug, section)
    }
    return section
  }
  const subtreeEnd = (section: string): number => {
    let end = placed.get(section)!.position
    for (const [slug, row] of placed) if (row.position > end && sectionOf(slug) === section) end = row.position
    return end
  }
  const insertions: CategoryInsertion[] = []
  const add = (index: number): void => {
    const category = planned[index]!
    if (placed.has(category.slug)) return
    if (category.parent !== null && !placed.has(category.parent)) add(plannedIndex.get(category.parent)!)
    const previous = planned.slice(0, index).reverse().find((earlier) => placed.has(earlier.slug))
    let after: number
    if (category.parent !== null && previous && sectionOf(previous.slug) === category.parent) after = placed.get(previous.slug)!.position
    else if (category.parent !== null) after = subtreeEnd(category.parent)
    else if (previous) after = subtreeEnd(sectionOf(previous.slug))
    else after = Math.min(1, ...[...placed.values()].map((row) => row.position)) - 1
    const position = after + 1
    for (const row of placed.values()) if (row.position >= position) row.position++
    placed.set(category.slug, { parent: category.parent, position })
    insertions.push({ ...category, position })
  }
  planned.forEach((_category, index) => add(index))
  return insertions
}
