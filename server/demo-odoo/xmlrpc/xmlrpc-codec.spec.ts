import { PyException } from '../python/odoo-exceptions';
import { PyFloat } from '../python/py-values';
import { parseXml, XmlSyntaxError } from './xml-reader';
import { decodeMethodCall, encodeFault, encodeResponse } from './xmlrpc-codec';

const call = (params: string) => `<?xml version="1.0"?><methodCall><methodName>m</methodName><params>${params}</params></methodCall>`;
const param = (value: string) => `<param><value>${value}</value></param>`;

describe('decodeMethodCall', () => {
  it('reads every scalar type Python accepts', () => {
    const body = call(
      [
        param('<nil/>'),
        param('<i4>-4</i4>'),
        param('<int> 42 </int>'),
        param('<i8>9000000000</i8>'),
        param('<boolean>1</boolean>'),
        param('<double>2.5</double>'),
        param('<string>a &lt;b&gt; &amp; &#233;</string>'),
        param('bare text'),
        param('<dateTime.iso8601>20250102T03:04:05</dateTime.iso8601>'),
        param('<base64>aGVsbG8=</base64>'),
      ].join(''),
    );
    const { method, params } = decodeMethodCall(body);
    expect(method).toBe('m');
    expect(params.slice(0, 8)).toEqual([null, -4, 42, 9000000000, true, 2.5, 'a <b> & é', 'bare text']);
    expect(params[8]).toBe('2025-01-02 03:04:05');
    expect((params[9] as Buffer).toString()).toBe('hello');
  });

  it('reads arrays and structs, keeping __proto__ an ordinary key', () => {
    const body = call(
      param(
        '<struct><member><name>__proto__</name><value><int>1</int></value></member><member><name>a</name><value><array><data><value>x</value><value><int>2</int></value></data></array></value></member></struct>',
      ),
    );
    const [s] = decodeMethodCall(body).params as [Record<string, unknown>];
    expect(Object.keys(s)).toEqual(['__proto__', 'a']);
    expect(s.a).toEqual(['x', 2]);
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });

  it('reads CDATA and a missing params block', () => {
    expect(decodeMethodCall(call(param('<string><![CDATA[<x>]]></string>'))).params).toEqual(['<x>']);
    expect(decodeMethodCall('<methodCall><methodName>version</methodName></methodCall>')).toEqual({ method: 'version', params: [] });
  });

  it('refuses bad booleans, bad ints and unknown tags like Python', () => {
    expect(() => decodeMethodCall(call(param('<boolean>2</boolean>')))).toThrow('bad boolean value');
    expect(() => decodeMethodCall(call(param('<int>x</int>')))).toThrow("invalid literal for int() with base 10: 'x'");
    expect(() => decodeMethodCall(call(param('<foo>1</foo>')))).toThrow(/unknown tag/);
  });

  it('turns malformed XML into an ExpatError', () => {
    try {
      decodeMethodCall('<methodCall><methodName>x</methodCall>');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(PyException);
      expect((e as PyException).pyClass).toBe('xml.parsers.expat.ExpatError');
      expect((e as PyException).message).toMatch(/mismatched tag: line 1, column \d+/);
    }
  });
});

describe('parseXml limits', () => {
  it('refuses DOCTYPE so entity expansion cannot happen', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><methodCall>&lol;</methodCall>';
    expect(() => parseXml(bomb)).toThrow(XmlSyntaxError);
  });

  it('bounds nesting depth', () => {
    const deep = '<a>'.repeat(100) + '</a>'.repeat(100);
    expect(() => parseXml(deep, { maxDepth: 64, maxElements: 1000 })).toThrow('elements nested too deeply');
    expect(parseXml('<a>'.repeat(10) + '</a>'.repeat(10), { maxDepth: 64, maxElements: 1000 }).name).toBe('a');
  });

  it('bounds the element count', () => {
    const wide = `<a>${'<b/>'.repeat(2000)}</a>`;
    expect(() => parseXml(wide, { maxDepth: 64, maxElements: 1000 })).toThrow('too many elements');
  });

  it('refuses undefined entities, junk after the root and unclosed elements', () => {
    expect(() => parseXml('<a>&nope;</a>')).toThrow('undefined entity');
    expect(() => parseXml('<a/><b/>')).toThrow('junk after document element');
    expect(() => parseXml('<a><b></a>')).toThrow('mismatched tag');
    expect(() => parseXml('<a>')).toThrow('no element found');
  });
});

describe('encodeResponse', () => {
  it('writes Python xmlrpc.client bytes for 16/17', () => {
    expect(encodeResponse([1, 'a<&>', true, new PyFloat(2), { k: false }], 17)).toBe(
      "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n" +
        '<value><array><data>\n<value><int>1</int></value>\n<value><string>a&lt;&amp;&gt;</string></value>\n' +
        '<value><boolean>1</boolean></value>\n<value><double>2.0</double></value>\n' +
        '<value><struct>\n<member>\n<name>k</name>\n<value><boolean>0</boolean></value>\n</member>\n</struct></value>\n' +
        '</data></array></value>\n</param>\n</params>\n</methodResponse>\n',
    );
  });

  it("uses Odoo's own envelope on 18/19", () => {
    expect(encodeResponse(7, 19)).toBe(
      '<?xml version="1.0"?>\n<methodResponse>\n<params>\n<param>\n<value><int>7</int></value>\n</param>\n</params>\n\n</methodResponse>\n',
    );
  });

  it('strips control characters but keeps tab, newline and carriage return', () => {
    expect(encodeResponse('a\u0001b\tc\nd\re\u001f', 16)).toContain('<string>ab\tc\nd\re</string>');
  });

  it('refuses None and ints beyond 32 bits, as allow_none=False does', () => {
    expect(() => encodeResponse(null, 16)).toThrow('cannot marshal None unless allow_none is enabled');
    expect(() => encodeResponse(2 ** 31, 16)).toThrow('int exceeds XML-RPC limits');
  });

  it('encodes a fault as a faultCode/faultString struct', () => {
    expect(encodeFault({ faultCode: 3, faultString: 'Access Denied' }, 16)).toBe(
      "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>3</int></value>\n</member>\n" +
        '<member>\n<name>faultString</name>\n<value><string>Access Denied</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n',
    );
  });
});
