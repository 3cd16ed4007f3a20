import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { promptToLine, readPromptsMarkdown, writePromptsMarkdown } from '../../src/domain/prompts-markdown.js'
import { seedDocumentPath } from '../../src/project-root.js'

const seed = readFileSync(seedDocumentPath, 'utf8')
const document = readPromptsMarkdown(seed)

// Every quoted line of the seed, found without the reader: lines that start and end with a double quote.
const quotedLines = seed.split('\n').map((line, index) => ({ line, number: index + 1 })).filter(({ line }) => /^".*"$/.test(line))

// Each distinct placeholder label of the seed and the variable the contract derives from it, written out by hand.
const EXPECTED_VARIABLES: Record<string, { name: string, examples: string[] }> = {
  'describe your use case': { name: 'describe_your_use_case', examples: [] },
  'specific domain': { name: 'specific_domain', examples: [] },
  'specific scenario': { name: 'specific_scenario', examples: [] },
  'multi-step business process': { name: 'multi_step_business_process', examples: [] },
  'specific business domain': { name: 'specific_business_domain', examples: [] },
  'specific distributed transaction scenario': { name: 'specific_distributed_transaction_scenario', examples: [] },
  'specific use case': { name: 'specific_use_case', examples: [] },
  'specific domain like e-commerce, IoT, etc.': { name: 'specific_domain', examples: ['e-commerce', 'IoT'] },
  'code snippet': { name: 'code_snippet', examples: [] },
  'external operation': { name: 'external_operation', examples: [] },
  'non-deterministic code': { name: 'non_deterministic_code', examples: [] },
  'specific domain entity': { name: 'specific_domain_entity', examples: [] },
  'specific distributed transaction': { name: 'specific_distributed_transaction', examples: [] },
  'specific interface': { name: 'specific_interface', examples: [] },
  'existing code': { name: 'existing_code', examples: [] },
  'existing state management code': { name: 'existing_state_management_code', examples: [] },
  'existing workflow': { name: 'existing_workflow', examples: [] },
  'existing microservice communication': { name: 'existing_microservice_communication', examples: [] },
  'existing saga implementation': { name: 'existing_saga_implementation', examples: [] },
  'existing Go code': { name: 'existing_go_code', examples: [] },
  'specific pattern': { name: 'specific_pattern', examples: [] },
  pattern: { name: 'pattern', examples: [] }
}

const allPrompts = document.sections.flatMap((section) => [section, ...section.children]).flatMap((category) => category.prompts)

describe('readPromptsMarkdown on seed/PROMPTS.md', () => {
  it('finds 15 sections, 30 subsections and 150 prompts, five in each subsection', () => {
    assert.equal(document.sections.length, 15)
    const children = document.sections.flatMap((section) => section.children)
    assert.equal(children.length, 30)
    assert.ok(children.every((child) => child.prompts.length === 5))
    assert.ok(document.sections.every((section) => section.prompts.length === 0))
    assert.equal(allPrompts.length, 150)
    assert.equal(quotedLines.length, 150)
  })

  it('reads every prompt line, in order, and writes each back byte for byte', () => {
    allPrompts.forEach((prompt, index) => {
      const expected = quotedLines[index]!
      assert.equal(prompt.line, expected.number)
      assert.equal(promptToLine(prompt.template, prompt.variables), expected.line)
      assert.ok(!prompt.template.startsWith('"') && !prompt.template.endsWith('"'), 'quotes are not part of the template')
      assert.ok(!/[[\]]/.test(prompt.template), `no [label] left in ${prompt.template}`)
    })
  })

  it('turns every placeholder into the variable the contract names', () => {
    let placeholders = 0
    allPrompts.forEach((prompt, index) => {
      const labels = [...quotedLines[index]!.line.matchAll(/\[([^\]]+)\]/g)].map((match) => match[1]!)
      placeholders += labels.length
      for (const label of labels) {
        const expected = EXPECTED_VARIABLES[label]
        assert.ok(expected, `label [${label}] has an expected variable`)
        const variable = prompt.variables.find((candidate) => candidate.name === expected.name)
        assert.deepEqual(variable, { name: expected.name, description: label, examples: expected.examples, required: true })
        assert.ok(prompt.template.includes(`{{${expected.name}}}`))
      }
      assert.equal(prompt.variables.length, new Set(labels.map((label) => EXPECTED_VARIABLES[label]!.name)).size)
    })
    assert.equal(placeholders, 25)
  })

  it('derives slugs as the contract says', () => {
    const slugs = document.sections.map((section) => section.slug)
    assert.equal(slugs[5], 'error-handling-and-sagas')
    assert.equal(slugs[13], 'framework-specific-prompts-rea')
    assert.equal(document.sections[5]!.children[1]!.slug, 'sagas')
    assert.equal(document.sections[5]!.children[1]!.name, 'Sagas')
    assert.equal(document.sections[5]!.name, 'Error Handling and Sagas')
    const all = document.sections.flatMap((section) => [section.slug, ...section.children.map((child) => child.slug)])
    assert.equal(new Set(all).size, 45)
    assert.ok(all.every((slug) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)))
  })

  it('renders sagas-1 with the {{name}} form of its placeholder', () => {
    assert.equal(document.sections[5]!.children[1]!.prompts[0]!.template,
      'Design a Saga pattern for a {{specific_distributed_transaction}} using Restate, including all compensating actions.')
  })

  it('writes the whole seed document back byte for byte', () => {
    assert.equal(writePromptsMarkdown(document), seed)
  })
})

describe('readPromptsMarkdown on other documents', () => {
  it('names the line of a code block that is never closed', () => {
    assert.throws(() => readPromptsMarkdown('## 1. A\n\n### Prompts for B\n\n```\n"x"\n'), /line 5: this code block is never closed/)
  })

  it('refuses a subsection before any section, and a document without sections', () => {
    assert.throws(() => readPromptsMarkdown('### Prompts for B\n'), /line 1: a "### " subsection must come after/)
    assert.throws(() => readPromptsMarkdown('just text\n'), /no "## " section heading/)
  })

  it('refuses two headings with the same slug', () => {
    assert.throws(() => readPromptsMarkdown('## 1. Sagas\n\n### Prompts for Sagas\n'), /line 3: a second category with the slug "sagas"/)
  })

  it('accepts CRLF line ends, a prompt block directly under a section, and unquoted prompt lines', () => {
    const doc = readPromptsMarkdown('## 1. Top\r\n\r\n```\r\nWrite about [topic like cats, dogs]\r\n```\r\n')
    assert.equal(doc.sections[0]!.prompts[0]!.template, 'Write about {{topic}}')
    assert.deepEqual(doc.sections[0]!.prompts[0]!.variables[0]!.examples, ['cats', 'dogs'])
  })
})
