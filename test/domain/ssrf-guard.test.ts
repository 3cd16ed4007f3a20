import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkWebhookUrl, isForbiddenAddress } from '../../src/domain/ssrf-guard.js'

describe('isForbiddenAddress', () => {
  it('refuses private, loopback, link-local and reserved IPv4', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '224.0.0.1', '255.255.255.255']) {
      assert.equal(isForbiddenAddress(address), true, address)
    }
  })
  it('refuses the IPv6 equivalents and IPv4 carried inside IPv6', () => {
    for (const address of ['::1', '::', 'fe80::1', 'fe80::1%eth0', 'fd12:3456::1', 'fc00::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '64:ff9b::a00:1', '2002:c0a8:101::1', '::127.0.0.1', '2001:db8::1']) {
      assert.equal(isForbiddenAddress(address), true, address)
    }
  })
  it('lets public addresses through', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2002:808:808::1']) {
      assert.equal(isForbiddenAddress(address), false, address)
    }
  })
  it('treats text that is not an address as forbidden', () => {
    assert.equal(isForbiddenAddress('example.com'), true)
  })
})

describe('checkWebhookUrl', () => {
  it('takes http(s) without credentials', () => {
    assert.deepEqual(checkWebhookUrl('https://93.184.215.14/x', false), { host: '93.184.215.14', literal: true })
    assert.deepEqual(checkWebhookUrl('https://hooks.example.com/x', false), { host: 'hooks.example.com', literal: false })
    for (const url of ['ftp://93.184.215.14/', 'file:///etc/passwd', 'http://a:b@93.184.215.14/', 'http://a@93.184.215.14/', 'http://localhost/', 'http://localhost./', 'http://x.localhost/', 'http://intranet./', 'http://[::1]/', 'http://0x7f000001/', 'nope']) {
      assert.ok('problem' in checkWebhookUrl(url, false), url)
    }
  })
  it('allows private destinations only when told to, never credentials or other schemes', () => {
    assert.deepEqual(checkWebhookUrl('http://127.0.0.1:8080/x', true), { host: '127.0.0.1', literal: true })
    assert.ok('problem' in checkWebhookUrl('http://u:p@127.0.0.1/', true))
    assert.ok('problem' in checkWebhookUrl('gopher://127.0.0.1/', true))
  })
})
