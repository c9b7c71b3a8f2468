import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

// Where the server may connect on a workspace's behalf. A workspace admin types an Odoo URL in a
// browser; without rules the server would fetch whatever that URL names: the cloud's metadata
// service (credentials), a database on the private network, the server's own admin ports. The same
// rules run twice: when a URL is saved or checked (every address its name resolves to), and again
// when each socket connects (the name may resolve elsewhere by then: DNS rebinding).

/** What may be reached: link-local and metadata never; loopback and private networks only when allowed. */
export interface AddressRules {
  allowPrivate: boolean;
}

export type AddressClass = 'public' | 'private' | 'forbidden';

/** One line a user can act on; never names the address a host resolved to. */
export class AddressRefusedError extends Error {
  readonly code = 'EADDRREFUSED';
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'AddressRefusedError';
  }
}

/** Names that reach a cloud's instance metadata service without DNS (resolv.conf search domains, hosts files). */
const METADATA_NAMES = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

const FORBIDDEN = new BlockList();
// Link-local: 169.254.169.254 (AWS, GCP, Azure, OpenStack…) and fe80::/10; metadata addresses outside it.
FORBIDDEN.addSubnet('169.254.0.0', 16, 'ipv4');
FORBIDDEN.addSubnet('fe80::', 10, 'ipv6');
FORBIDDEN.addAddress('fd00:ec2::254', 'ipv6'); // AWS over IPv6
FORBIDDEN.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud
// Multicast and broadcast: never an Odoo.
FORBIDDEN.addSubnet('224.0.0.0', 4, 'ipv4');
FORBIDDEN.addAddress('255.255.255.255', 'ipv4');
FORBIDDEN.addSubnet('ff00::', 8, 'ipv6');

const PRIVATE = new BlockList();
PRIVATE.addSubnet('0.0.0.0', 8, 'ipv4'); // "this host": connecting to 0.0.0.0 reaches loopback
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4'); // carrier-grade NAT, also used inside clouds
PRIVATE.addSubnet('198.18.0.0', 15, 'ipv4');
PRIVATE.addAddress('::', 'ipv6');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

/** IPv4 carried inside IPv6 (::ffff:a.b.c.d, NAT64 64:ff9b::/96) is judged as the IPv4 it carries. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const match = /^(?:::ffff:|64:ff9b::)(.+)$/.exec(lower);
  if (!match) return null;
  const tail = match[1];
  if (isIP(tail) === 4) return tail;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(tail);
  if (!hex) return null;
  const value = (parseInt(hex[1], 16) << 16) | parseInt(hex[2], 16);
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/g, '');
  const v4 = isIP(bare) === 6 ? embeddedIpv4(bare) : null;
  const [ip, family] = v4 ? [v4, 'ipv4' as const] : [bare, isIP(bare) === 4 ? ('ipv4' as const) : ('ipv6' as const)];
  if (FORBIDDEN.check(ip, family)) return 'forbidden';
  if (PRIVATE.check(ip, family)) return 'private';
  return 'public';
}

/** Throws AddressRefusedError when `address` may not be reached under `rules`. */
export function assertAddressAllowed(address: string, rules: AddressRules): void {
  const kind = classifyAddress(address);
  if (kind === 'forbidden') throw new AddressRefusedError('it points to a link-local or cloud metadata address, which is never allowed');
  if (kind === 'private' && !rules.allowPrivate) {
    throw new AddressRefusedError('it points to a private or loopback address, which this server does not connect to');
  }
}

function assertNameAllowed(hostname: string): void {
  if (METADATA_NAMES.has(hostname.toLowerCase().replace(/\.$/, ''))) {
    throw new AddressRefusedError('it points to a cloud metadata service, which is never allowed');
  }
}

type Resolve = (hostname: string) => Promise<string[]>;

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses.map((a) => a.address)))));

/**
 * Checks a URL before it is saved or checked: http(s) only, no credentials in it, and every address
 * its host resolves to allowed. Throws AddressRefusedError with the reason.
 */
export async function assertUrlAllowed(value: string, rules: AddressRules, resolve: Resolve = systemResolve): Promise<URL> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AddressRefusedError('it is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AddressRefusedError('only http and https URLs are allowed');
  if (url.username || url.password) throw new AddressRefusedError('it must not contain a user name or password');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    assertAddressAllowed(host, rules);
    return url;
  }
  assertNameAllowed(host);
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    throw new AddressRefusedError('its host name does not resolve');
  }
  if (addresses.length === 0) throw new AddressRefusedError('its host name does not resolve');
  for (const address of addresses) assertAddressAllowed(address, rules);
  return url;
}

/** Refuses an IP literal before a socket is opened (Node skips the lookup for those). */
export function assertHostAllowed(hostname: string, rules: AddressRules): void {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) assertAddressAllowed(host, rules);
  else assertNameAllowed(host);
}

/**
 * A `lookup` for sockets: resolves like dns.lookup, then refuses the connection when any resolved
 * address is not allowed, so a name that changed its answer since it was checked gets nowhere.
 */
export function guardedLookup(rules: AddressRules): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      try {
        assertNameAllowed(hostname);
        for (const { address } of addresses) assertAddressAllowed(address, rules);
      } catch (refused) {
        return callback(refused as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
