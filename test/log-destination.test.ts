import assert from 'node:assert/strict'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { BatchedLineWriter } from '../src/log-destination.js'

describe('the batched log writer', () => {
  it('keeps lines until 4 KiB have gathered or it is flushed, and writes them in order', () => {
    const directory = mkdtempSync(join(tmpdir(), 'promptshelf-log-'))
    const file = join(directory, 'log.txt')
    const fd = openSync(file, 'w')
    try {
      const writer = new BatchedLineWriter(fd)
      const line = (i: number): string => `{"n":${i},"pad":"${'x'.repeat(90)}"}\n`
      for (let i = 0; i < 10; i++) writer.write(line(i))
      assert.equal(readFileSync(file, 'utf8'), '', 'ten short lines stay in memory')
      for (let i = 10; i < 50; i++) writer.write(line(i))
      const written = readFileSync(file, 'utf8')
      assert.ok(written.length >= 4096, `a batch of at least 4 KiB was written (${written.length} characters)`)
      writer.write('{"last":"é ☃"}\n')
      writer.flushSync()
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n')
      assert.equal(lines.length, 51)
      lines.slice(0, 50).forEach((text, i) => assert.equal((JSON.parse(text) as { n: number }).n, i))
      assert.deepEqual(JSON.parse(lines[50]!), { last: 'é ☃' })
      writer.flushSync()
      assert.equal(readFileSync(file, 'utf8').trimEnd().split('\n').length, 51, 'an empty flush writes nothing')
    } finally {
      closeSync(fd)
      rmSync(directory, { recursive: true, force: true })
    }
  })

  it('drops a batch it cannot write instead of throwing', () => {
    const writer = new BatchedLineWriter(987654)
    writer.write('{"a":1}\n')
    assert.doesNotThrow(() => writer.flushSync())
  })
})
