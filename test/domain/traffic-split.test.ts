import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { chooseSplit, primaryVersion, splitsProblem, subjectPoint } from '../../src/domain/traffic-split.js'
import { retryDelayMs } from '../../src/domain/retry-backoff.js'

describe('traffic splits', () => {
  it('checks count, weights, duplicates and the sum', () => {
    assert.equal(splitsProblem([{ version: 1, weight: 90 }, { version: 2, weight: 10 }]), undefined)
    assert.equal(splitsProblem([{ version: 1, weight: 100 }])?.pointer, '')
    assert.equal(splitsProblem([{ version: 1, weight: 0 }, { version: 2, weight: 100 }])?.pointer, '/0/weight')
    assert.equal(splitsProblem([{ version: 1, weight: 50 }, { version: 1, weight: 50 }])?.pointer, '/1/version')
    assert.match(splitsProblem([{ version: 1, weight: 50 }, { version: 2, weight: 51 }])!.detail, /sum to 100, not 101/)
  })
  it('places a subject stably and spreads subjects by weight', () => {
    const splits = [{ version: 1, weight: 70 }, { version: 2, weight: 20 }, { version: 3, weight: 10 }]
    assert.equal(chooseSplit(splits, 'p', 'l', 'alice'), chooseSplit(splits, 'p', 'l', 'alice'))
    assert.notEqual(subjectPoint('p', 'l', 'alice'), subjectPoint('p', 'other', 'alice'))
    const counts = [0, 0, 0, 0]
    for (let i = 0; i < 10_000; i++) counts[chooseSplit(splits, 'p', 'l', `s${i}`)]!++
    assert.ok(Math.abs(counts[1]! - 7000) < 300 && Math.abs(counts[2]! - 2000) < 300 && Math.abs(counts[3]! - 1000) < 300, String(counts))
    assert.equal(chooseSplit(splits, 'p', 'l', undefined, () => 0.95), 3)
    assert.equal(chooseSplit(splits, 'p', 'l', undefined, () => 0), 1)
    assert.equal(primaryVersion([{ version: 4, weight: 10 }, { version: 5, weight: 90 }]), 5)
  })
})

describe('retry backoff', () => {
  it('doubles from the base, with jitter, up to an hour', () => {
    assert.equal(retryDelayMs(1, 10_000, () => 0.5), 10_000)
    assert.equal(retryDelayMs(2, 10_000, () => 0.5), 20_000)
    assert.equal(retryDelayMs(4, 10_000, () => 0), 60_000)
    assert.equal(retryDelayMs(30, 10_000, () => 0.5), 3_600_000)
    assert.ok(retryDelayMs(1, 10_000, () => 0.999) < 12_500)
  })
})
