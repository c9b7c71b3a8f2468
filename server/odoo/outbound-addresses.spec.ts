import { AddressRefusedError, assertUrlAllowed, classifyAddress, guardedLookup } from './outbound-addresses';

describe('classifyAddress', () => {
  it.each([
    ['169.254.169.254', 'forbidden'],
    ['169.254.0.1', 'forbidden'],
    ['fe80::1', 'forbidden'],
    ['fd00:ec2::254', 'forbidden'],
    ['100.100.100.200', 'forbidden'],
    ['::ffff:169.254.169.254', 'forbidden'],
    ['::ffff:a9fe:a9fe', 'forbidden'],
    ['224.0.0.1', 'forbidden'],
    ['127.0.0.1', 'private'],
    ['127.8.9.10', 'private'],
    ['::1', 'private'],
    ['::', 'private'],
    ['0.0.0.0', 'private'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.10', 'private'],
    ['100.64.1.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::7f00:1', 'private'],
    ['172.32.0.1', 'public'],
    ['8.8.8.8', 'public'],
    ['2001:4860:4860::8888', 'public'],
    ['[2606:4700::1111]', 'public'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe('assertUrlAllowed', () => {
  const strict = { allowPrivate: false };
  const resolving =
    (...addresses: string[]) =>
    () =>
      Promise.resolve(addresses);
  const reason = async (url: string, rules = strict, resolve = resolving('93.184.215.14')) => {
    try {
      await assertUrlAllowed(url, rules, resolve);
      return 'allowed';
    } catch (e) {
      if (e instanceof AddressRefusedError) return e.reason;
      throw e;
    }
  };

  it('allows a public host and says why it refuses the others', async () => {
    expect(await reason('https://odoo.example.com')).toBe('allowed');
    expect(await reason('gopher://odoo.example.com')).toBe('only http and https URLs are allowed');
    expect(await reason('not a url')).toBe('it is not a URL');
    expect(await reason('https://a:b@odoo.example.com')).toBe('it must not contain a user name or password');
    expect(await reason('http://METADATA.google.internal.')).toBe('it points to a cloud metadata service, which is never allowed');
  });

  it('refuses a name when any of its addresses is refused, without naming the address', async () => {
    const mixed = resolving('93.184.215.14', '10.0.0.7');
    const why = await reason('https://odoo.example.com', strict, mixed);
    expect(why).toBe('it points to a private or loopback address, which this server does not connect to');
    expect(why).not.toContain('10.0.0.7');
    expect(await reason('https://odoo.example.com', { allowPrivate: true }, mixed)).toBe('allowed');
    expect(await reason('https://odoo.example.com', { allowPrivate: true }, resolving('169.254.169.254'))).toBe(
      'it points to a link-local or cloud metadata address, which is never allowed',
    );
    expect(await reason('https://odoo.example.com', strict, () => Promise.reject(new Error('ENOTFOUND')))).toBe('its host name does not resolve');
  });
});

describe('guardedLookup', () => {
  const lookupOf = (allowPrivate: boolean, all: boolean) =>
    new Promise<{ error: NodeJS.ErrnoException | null; result: unknown }>((resolve) =>
      guardedLookup({ allowPrivate })('localhost', { all }, (error: NodeJS.ErrnoException | null, result: unknown) => resolve({ error, result })),
    );

  it('refuses a name that resolves to loopback when private addresses are not allowed, in both callback forms', async () => {
    for (const all of [false, true]) {
      const { error } = await lookupOf(false, all);
      expect(error).toBeInstanceOf(AddressRefusedError);
    }
  });

  it('answers like dns.lookup when the addresses are allowed', async () => {
    const one = await lookupOf(true, false);
    expect([one.error, typeof one.result]).toEqual([null, 'string']);
    const all = await lookupOf(true, true);
    expect(all.error).toBeNull();
    expect(Array.isArray(all.result)).toBe(true);
  });
});
