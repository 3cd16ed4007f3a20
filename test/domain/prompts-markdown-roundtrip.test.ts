import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { type DocumentCategory, type LibraryDocument, promptFromLine, promptId, readPromptsMarkdown, writePromptsMarkdown } from '../../src/domain/prompts-markdown.js'
import { categorySlug } from '../../src/domain/slug.js'

// Words for headings, prompt text and placeholder labels. Prompt text may hold any printable character
// but the ones the layout gives meaning to ([ ] for placeholders, { } for the template syntax).
const word = fc.stringMatching(/^[A-Za-z][a-z0-9]{0,7}$/)
const heading = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(' ')).filter((name) => !/^prompts for /i.test(name))
const text = fc.stringMatching(/^[^\n\r[\]{}]{0,40}$/).map((value) => value.trim())
const label = fc.tuple(fc.array(word, { minLength: 1, maxLength: 3 }), fc.option(fc.array(word, { minLength: 1, maxLength: 3 })))
  .map(([base, hint]) => base.join(' ') + (hint ? ` like ${hint.join(', ')}` : ''))
const promptLine = fc.array(fc.oneof(text, label.map((value) => `[${value}]`)), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(' ').trim())
  .filter((line) => line !== '' && !line.startsWith('"'))

const category = (prompts: fc.Arbitrary<string[]>) => fc.record({ name: heading, lines: prompts })
const library = fc.record({
  preamble: fc.constantFrom('', '# A library\n\nIntro text.\n\n'),
  closing: fc.constantFrom('', 'Closing words.'),
  sections: fc.array(fc.record({
    section: category(fc.constant([])),
    children: fc.array(category(fc.array(promptLine, { minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 3 })
  }), { minLength: 1, maxLength: 4 })
}).filter(({ sections }) => {
  const slugs = sections.flatMap(({ section, children }) => [section.name, ...children.map((child) => child.name)]).map(categorySlug)
  return slugs.every((slug) => slug !== '') && new Set(slugs).size === slugs.length
}).map(({ preamble, closing, sections }): LibraryDocument => {
  const toCategory = ({ name, lines }: { name: string, lines: string[] }, children: DocumentCategory[] = []): DocumentCategory => ({
    slug: categorySlug(name), name, children, prompts: lines.map((line) => promptFromLine(line, 0))
  })
  return { preamble, closing, sections: sections.map(({ section, children }) => toCategory(section, children.map((child) => toCategory(child)))) }
})

function withoutLines (document: LibraryDocument): unknown {
  const strip = (category: DocumentCategory): unknown => ({
    ...category, prompts: category.prompts.map(({ template, variables }) => ({ template, variables })), children: category.children.map(strip)
  })
  return { ...document, sections: document.sections.map(strip) }
}

describe('PROMPTS.md round trip', () => {
  it('reading what was written gives back the same library', () => {
    fc.assert(fc.property(library, (document) => {
      const written = writePromptsMarkdown(document)
      const read = readPromptsMarkdown(written)
      assert.deepEqual(withoutLines(read), withoutLines(document))
      assert.equal(writePromptsMarkdown(read), written)
    }), { numRuns: 300 })
  })
})

describe('PROMPTS.md round trip with ids', () => {
  // Each prompt keeps its positional id, or takes a custom one or another category's positional one.
  const ids = fc.array(fc.oneof(fc.constant(undefined), word.map((value) => `custom-${value.toLowerCase()}`), fc.integer({ min: 1, max: 4 }).map((n) => `x-${n}`)), { minLength: 40, maxLength: 40 })

  it('reads back the id of every prompt, with markers only where the place does not give it', () => {
    fc.assert(fc.property(library, ids, (document, chosen) => {
      let next = 0
      const used = new Set<string>()
      const withIds = (category: DocumentCategory): DocumentCategory => ({
        ...category,
        children: category.children.map(withIds),
        prompts: category.prompts.map((prompt, index) => {
          const custom = chosen[next++ % chosen.length]
          const id = custom !== undefined && !used.has(custom) ? custom : `${category.slug}-${index + 1}`
          used.add(id)
          return { ...prompt, id }
        })
      })
      const identified = { ...document, sections: document.sections.map(withIds) }
      const categories = (doc: LibraryDocument) => doc.sections.flatMap((section) => [section, ...section.children])
      fc.pre(new Set(categories(identified).flatMap((category) => category.prompts.map((prompt) => prompt.id))).size === categories(identified).flatMap((category) => category.prompts).length)
      const written = writePromptsMarkdown(identified)
      const read = readPromptsMarkdown(written)
      assert.deepEqual(categories(read).map((category) => category.prompts.map((_prompt, index) => promptId(category, index))),
        categories(identified).map((category) => category.prompts.map((prompt) => prompt.id)))
      assert.equal((written.match(/<!-- id: /g) ?? []).length,
        categories(identified).flatMap((category) => category.prompts.filter((prompt, index) => prompt.id !== `${category.slug}-${index + 1}`)).length)
      assert.equal(writePromptsMarkdown(read), written)
    }), { numRuns: 200 })
  })
})
