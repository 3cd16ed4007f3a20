import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { labelFor, markdownCannotHold, promptFromLine, promptId, readPromptsMarkdown, writePromptsMarkdown } from '../../src/domain/prompts-markdown.js'
import { variableFromLabel } from '../../src/domain/variable.js'

describe('prompt ids in the PROMPTS.md layout', () => {
  const document = readPromptsMarkdown('## 1. Sagas\n\n```\n"First"\n\n"Second" <!-- id: my-custom -->\n\n"Third"  <!--id:sagas-9-->\n\n"Fourth"\n```\n')
  const sagas = document.sections[0]!

  it('reads a marked id, else the positional one, and keeps the marker out of the template', () => {
    assert.deepEqual(sagas.prompts.map((_prompt, index) => promptId(sagas, index)), ['sagas-1', 'my-custom', 'sagas-9', 'sagas-4'])
    assert.deepEqual(sagas.prompts.map((prompt) => prompt.template), ['First', 'Second', 'Third', 'Fourth'])
  })

  it('writes a marker only where the id is not the positional one', () => {
    const written = writePromptsMarkdown({
      preamble: '',
      closing: '',
      sections: [{ ...sagas, prompts: sagas.prompts.map((prompt, index) => ({ ...prompt, id: promptId(sagas, index) })) }]
    })
    assert.equal(written, '## 1. Sagas\n\n```\n"First"\n\n"Second" <!-- id: my-custom -->\n\n"Third" <!-- id: sagas-9 -->\n\n"Fourth"\n```\n')
  })

  it('refuses an id given twice, or a marker that is not an id, naming the line', () => {
    assert.throws(() => readPromptsMarkdown('## 1. A\n\n```\n"x" <!-- id: a-2 -->\n\n"y"\n```\n'), /line 6: the id "a-2" was already given to the prompt on line 4/)
    assert.throws(() => readPromptsMarkdown('## 1. A\n\n```\n"x"\n```\n\n## 2. B\n\n```\n"y" <!-- id: a-1 -->\n```\n'), /line 10: the id "a-1"/)
    assert.throws(() => readPromptsMarkdown('## 1. A\n\n```\n"x" <!-- id: Not_An_Id -->\n```\n'), /line 4: the id marker names "Not_An_Id"/)
  })
})

describe('labels and what the layout can hold', () => {
  it('writes a description as the label only when it reads back as the same variable', () => {
    const seeded = variableFromLabel('specific domain like e-commerce, IoT, etc.')
    assert.equal(labelFor(seeded), 'specific domain like e-commerce, IoT, etc.')
    assert.equal(labelFor({ ...seeded, examples: ['retail'] }), 'specific_domain', 'other examples')
    assert.equal(labelFor({ name: 'city', description: 'The city to visit', examples: [], required: true }), 'city', 'another name')
    assert.equal(labelFor({ name: 'city', description: '', examples: [], required: true }), 'city')
    assert.equal(labelFor({ name: 'city', description: 'City', examples: [], required: false, default: 'Oslo' }), 'City')
    assert.equal(labelFor({ name: 'city', description: 'city]', examples: [], required: true }), 'city')
  })

  it('names the templates whose line would read back as another text', () => {
    const topic = [{ name: 'topic', description: '', examples: [], required: true }]
    assert.equal(markdownCannotHold('Write about {{topic}}.', topic), undefined)
    assert.equal(markdownCannotHold('Say "hi" to {{topic}}', topic), undefined)
    for (const template of ['Line one\nline {{topic}}', 'Use a[0] for {{topic}}', 'A ] {{topic}}', ' {{topic}}', '{{topic}} ', '"{{topic}}', '{{topic}}"', 'About {{ topic }}']) {
      assert.notEqual(markdownCannotHold(template, topic), undefined, template)
    }
    assert.notEqual(markdownCannotHold('About {{_topic}}', [{ name: '_topic', description: '', examples: [], required: true }]), undefined, 'a name a label cannot give back')
  })
})

describe('placeholder scanning', () => {
  it('reads a line of 20,000 "[" in linear time', () => {
    const started = performance.now()
    const prompt = promptFromLine(`"${'['.repeat(20_000)}x"`, 1)
    assert.equal(prompt.template.length, 20_001)
    assert.ok(performance.now() - started < 50, `took ${Math.round(performance.now() - started)} ms`)
  })
})
