import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isExpectedVersion } from '../../src/domain/expected-version.js'
import { etagMatches, expectedVersionOf, promptEtag } from '../../src/routes/prompt-etag.js'

describe('prompt ETags', () => {
  it('name a version, and If-None-Match compares them weakly', () => {
    assert.equal(promptEtag('sagas-1', 3), '"sagas-1.v3"')
    assert.equal(etagMatches('"sagas-1.v3"', '"sagas-1.v3"'), true)
    assert.equal(etagMatches('W/"sagas-1.v3"', '"sagas-1.v3"'), true)
    assert.equal(etagMatches('"x", "sagas-1.v3"', '"sagas-1.v3"'), true)
    assert.equal(etagMatches(' * ', '"sagas-1.v3"'), true)
    assert.equal(etagMatches('"sagas-1.v2"', '"sagas-1.v3"'), false)
    assert.equal(etagMatches(undefined, '"sagas-1.v3"'), false)
  })

  it('turn If-Match into the versions a write expects: strong tags of this prompt only', () => {
    assert.deepEqual(expectedVersionOf('"sagas-1.v3"', 'sagas-1'), [3])
    assert.deepEqual(expectedVersionOf('"sagas-1.v1", "sagas-1.v12"', 'sagas-1'), [1, 12])
    assert.equal(expectedVersionOf('*', 'sagas-1'), 'any')
    for (const header of ['W/"sagas-1.v3"', '"sagas-2.v3"', '"sagas-1.v03"', '"sagas-1.v"', 'sagas-1.v3', '"sagas-1.v3', '"sagas-1.v1e3"', '']) {
      assert.deepEqual(expectedVersionOf(header, 'sagas-1'), [], header)
    }
  })

  it('match the current version only when expected', () => {
    assert.equal(isExpectedVersion(3, 3), true)
    assert.equal(isExpectedVersion(2, 3), false)
    assert.equal(isExpectedVersion([1, 3], 3), true)
    assert.equal(isExpectedVersion([], 3), false)
    assert.equal(isExpectedVersion('any', 3), true)
  })
})
