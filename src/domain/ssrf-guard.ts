// Which network destinations a webhook may reach: public unicast addresses only. Private, loopback,
// link-local, multicast, documentation and reserved ranges are refused, in IPv4 and IPv6 alike, and an
// IPv6 address that carries an IPv4 one (mapped, compatible, NAT64, 6to4) is judged by the IPv4 inside.
import { BlockList, isIP } from 'node:net'

const blocked = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4]
] as const) blocked.addSubnet(network, prefix, 'ipv4')
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['100::', 64], ['2001::', 23], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8]
] as const) blocked.addSubnet(network, prefix, 'ipv6')

/** The 16-bit groups of an IPv6 address (with or without an embedded dotted IPv4 tail), or undefined. */
function ipv6Groups (address: string): number[] | undefined {
  let text = address.toLowerCase().replace(/%.*$/, '')
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (dotted) {
    const bytes = dotted[1]!.split('.').map(Number)
    text = text.slice(0, -dotted[1]!.length) + `${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`
  }
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const head = halves[0] === '' ? [] : halves[0]!.split(':')
  const tail = halves.length === 2 && halves[1] !== '' ? halves[1]!.split(':') : []
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0
  const groups = [...head, ...Array<string>(Math.max(fill, 0)).fill('0'), ...tail].map((group) => Number.parseInt(group, 16))
  return groups.length === 8 && groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : undefined
}

function ipv4Of (high: number, low: number): string {
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`
}

/** The IPv4 address an IPv6 address stands for, when it carries one. */
function embeddedIpv4 (groups: number[]): string | undefined {
  const zeros = (from: number, to: number): boolean => groups.slice(from, to).every((group) => group === 0)
  if (zeros(0, 5) && groups[5] === 0xffff) return ipv4Of(groups[6]!, groups[7]!) // ::ffff:a.b.c.d
  if (zeros(0, 6) && (groups[6] !== 0 || groups[7]! > 1)) return ipv4Of(groups[6]!, groups[7]!) // ::a.b.c.d
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return ipv4Of(groups[6]!, groups[7]!) // NAT64
  if (groups[0] === 0x2002) return ipv4Of(groups[1]!, groups[2]!) // 6to4
  return undefined
}

/** True for any address a webhook must not reach; also for text that is not an IP address at all. */
export function isForbiddenAddress (address: string): boolean {
  const family = isIP(address)
  if (family === 4) return blocked.check(address, 'ipv4')
  if (family !== 6) return true
  const groups = ipv6Groups(address)
  if (!groups) return true
  const inner = embeddedIpv4(groups)
  if (inner !== undefined) return blocked.check(inner, 'ipv4')
  return blocked.check(groups.map((group) => group.toString(16)).join(':'), 'ipv6')
}

export interface WebhookUrlCheck {
  /** The hostname without IPv6 brackets. */
  host: string
  /** Set when the host is an IP literal. */
  literal: boolean
}

/** The reason a URL cannot be a webhook target, or the host to resolve. Names like localhost are refused by name. */
export function checkWebhookUrl (raw: string, allowPrivate: boolean): { problem: string } | WebhookUrlCheck {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { problem: 'is not an absolute URL' }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: 'must use http or https' }
  if (url.username !== '' || url.password !== '') return { problem: 'must not carry credentials (user:password@)' }
  if (url.hash !== '') return { problem: 'must not have a #fragment' }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  const literal = isIP(host) !== 0
  if (!allowPrivate) {
    if (literal && isForbiddenAddress(host)) return { problem: `points at a private, loopback or link-local address (${host})` }
    const name = host.replace(/\.$/, '')
    if (!literal && (name === 'localhost' || name.endsWith('.localhost') || !name.includes('.'))) {
      return { problem: `names a local host (${host})` }
    }
  }
  return { host, literal }
}
