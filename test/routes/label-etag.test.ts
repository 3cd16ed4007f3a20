import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { expectedRevisionOf } from '../../src/routes/label-etag.js'
import { labelEtag } from '../../src/services/label-service.js'

describe('label ETags in If-Match', () => {
  it('name the revisions of this label of this prompt, strongly compared', () => {
    assert.equal(labelEtag('sagas-1', 'production', 2), '"sagas-1.label.production.r2"')
    assert.deepEqual(expectedRevisionOf('"sagas-1.label.production.r2"', 'sagas-1', 'production'), [2])
    assert.deepEqual(expectedRevisionOf('"x", "sagas-1.label.production.r1", "sagas-1.label.production.r10"', 'sagas-1', 'production'), [1, 10])
    assert.equal(expectedRevisionOf(' * ', 'sagas-1', 'production'), 'any')
    assert.equal(expectedRevisionOf(undefined, 'sagas-1', 'production'), undefined)
  })

  it('name nothing with a weak tag, another label, another prompt or a malformed revision', () => {
    for (const header of ['W/"sagas-1.label.production.r2"', '"sagas-1.label.staging.r2"', '"sagas-2.label.production.r2"', '"sagas-1.label.production.r02"', '"sagas-1.v2"']) {
      assert.deepEqual(expectedRevisionOf(header, 'sagas-1', 'production'), [], header)
    }
  })
})
