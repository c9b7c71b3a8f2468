import { decodeResponse, encodeCall, XmlRpcDecodeError } from './xmlrpc-codec';

const response = (value: string) =>
  Buffer.from(`<?xml version="1.0"?>\n<methodResponse><params><param><value>${value}</value></param></params></methodResponse>`);

describe('xmlrpc codec', () => {
  it('encodes strings, numbers, booleans, arrays and structs', () => {
    const xml = encodeCall('execute_kw', ['db', 2, 'k', 'crm.lead', 'search_count', [[['active', '=', true]]], { context: { lang: 'en_US' } }]);
    expect(xml).toContain('<methodName>execute_kw</methodName>');
    expect(xml).toContain('<int>2</int>');
    expect(xml).toContain('<boolean>1</boolean>');
    expect(xml).toContain('<name>lang</name>');
  });

  it('decodes a value', async () => {
    const decoded = await decodeResponse(response('<array><data><value><int>7</int></value><value><string>Azure</string></value></data></array>'));
    expect(decoded).toEqual({ value: [7, 'Azure'] });
  });

  it('decodes a fault into its code and text', async () => {
    const body = Buffer.from(
      '<?xml version="1.0"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>2</int></value></member>' +
        "<member><name>faultString</name><value><string>Object crm.lead doesn't exist</string></value></member></struct></value></fault></methodResponse>",
    );
    expect(await decodeResponse(body)).toEqual({ fault: { faultCode: 2, faultString: "Object crm.lead doesn't exist" } });
  });

  it("decodes what Python's xmlrpc.client writes: nil, i8, doubles, booleans, entities, CDATA, blanks between elements", async () => {
    const body = response(
      '<array><data>\n<value><nil/></value>\n<value><i8>9007199254740993</i8></value><value><double>-1.5e3</double></value>' +
        '<value><boolean>0</boolean></value><value><string>Tom &amp; &quot;Jerry&quot; &lt;3 &#233;&#x65E5;</string></value>' +
        '<value><string><![CDATA[a <b> & c]]></string></value><value>untyped</value><value/><value><string/></value>\n</data></array>',
    );
    expect(await decodeResponse(body)).toEqual({ value: [null, '9007199254740993', -1500, false, 'Tom & "Jerry" <3 é日', 'a <b> & c', 'untyped', '', ''] });
  });

  it('keeps a member named __proto__ as an ordinary field', async () => {
    const decoded = (await decodeResponse(response('<struct><member><name>__proto__</name><value><int>1</int></value></member></struct>'))) as {
      value: Record<string, unknown>;
    };
    expect(Object.keys(decoded.value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(decoded.value)).toBe(Object.prototype);
  });

  it('refuses a DOCTYPE, an unknown entity, a bare ampersand, mismatched tags and values out of place', async () => {
    const bodies = [
      '<?xml version="1.0"?><!DOCTYPE m><methodResponse><params><param><value><int>1</int></value></param></params></methodResponse>',
      '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "b">]><methodResponse><params><param><value>&a;</value></param></params></methodResponse>',
      response('<string>&a;</string>').toString(),
      response('<string>a & b</string>').toString(),
      response('<int>1</string>').toString(),
      response('<int>1</int><int>2</int>').toString(),
      response('<int>one</int>').toString(),
      '<methodResponse><params><param><value><int>1</int></value></param></params></methodResponse><x/>',
    ];
    for (const body of bodies) {
      const outcome = await decodeResponse(Buffer.from(body)).then(
        (decoded) => ({ body, decoded }),
        (e: unknown) => ({ body, refused: e instanceof XmlRpcDecodeError }),
      );
      expect(outcome).toEqual({ body, refused: true });
    }
  });

  it('refuses nesting deeper than any answer Odoo gives', async () => {
    const deep = '<array><data><value>'.repeat(40) + '<int>1</int>' + '</value></data></array>'.repeat(40);
    await expect(decodeResponse(response(deep))).rejects.toThrow('Odoo sent a response nested too deeply');
  });

  it('stops a long decode between slices when its signal aborts', async () => {
    const many = '<array><data>' + '<value><int>1</int></value>'.repeat(20_000) + '</data></array>';
    const controller = new AbortController();
    const decoding = decodeResponse(response(many), controller.signal);
    controller.abort(new Error('section timed out'));
    await expect(decoding).rejects.toThrow('section timed out');
  });

  it('rejects HTML, broken XML and an empty body', async () => {
    for (const body of ['<html><body>502 Bad Gateway</body></html>', '<methodResponse><params><param><value><int>1', '']) {
      await expect(decodeResponse(Buffer.from(body))).rejects.toBeInstanceOf(XmlRpcDecodeError);
    }
  });
});
