import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { planWords } from '../../src/domain/search-plan.js'
import { parseSearchText } from '../../src/domain/search-query.js'
import { buildSynonymIndex } from '../../src/domain/search-synonyms.js'
import { SearchVocabulary } from '../../src/domain/search-vocabulary.js'

const vocabulary = new SearchVocabulary(['terminalerror', 'terminal', 'errors', 'error', 'saga', 'compensating', 'security', 'fanout', 'fanoutfail', 'restate']
  .map((term) => ({ term, docs: term === 'restate' ? 100 : 3 })), 120)
const synonyms = buildSynonymIndex({ groups: [['saga', 'compensation', 'compensating action']] })

function plan (q: string, hasMatch = false) {
  return planWords(parseSearchText(q), { vocabulary, synonyms, hasMatch: () => hasMatch, lastIsPrefix: !/\s$/.test(q) })
}

describe('search plan', () => {
  it('adds synonyms, and completions for the last word only while it is being typed', () => {
    const [saga, comp] = plan('saga compens')
    assert.deepEqual(saga!.related.map((a) => a.tokens), [['compensation'], ['compensating', 'action']])
    assert.deepEqual(comp!.completions.map((a) => a.tokens[0]), ['compensating'])
    assert.deepEqual(plan('saga compens ')[1]!.completions, [])
  })

  it('joins neighbouring words that form an indexed identifier', () => {
    const [terminal, err] = plan('terminal err')
    assert.ok(terminal!.related.some((a) => a.tokens[0] === 'terminalerror'))
    assert.ok(err!.related.some((a) => a.tokens[0] === 'terminalerror'))
    assert.ok(plan('fan out fail ').every((p) => p.related.some((a) => a.tokens[0] === 'fanoutfail')))
  })

  it('corrects words of 5+ characters without a hit, and leaves shorter or known words alone', () => {
    assert.deepEqual(plan('securty ')[0]!.corrections, ['security'])
    assert.deepEqual(plan('sega ')[0]!.corrections, [], 'too short to correct')
    assert.equal(plan('sega ')[0]!.live, false)
    assert.deepEqual(plan('security ')[0]!.corrections, [])
    assert.deepEqual(plan('securities ', true)[0]!.corrections, [], 'a stemmed hit is a hit')
    assert.equal(plan('restate ')[0]!.common, true)
  })
})
