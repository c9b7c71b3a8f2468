import { decodeResponse, encodeCall, XmlRpcDecodeError } from './xmlrpc-codec';

const response = (value: string) => Buffer.from(`<?xml version="1.0"?>\n<methodResponse><params><param><value>${value}</value></param></params></methodResponse>`);

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

  it('rejects HTML, broken XML and an empty body', async () => {
    for (const body of ['<html><body>502 Bad Gateway</body></html>', '<methodResponse><params><param><value><int>1', '']) {
      await expect(decodeResponse(Buffer.from(body))).rejects.toBeInstanceOf(XmlRpcDecodeError);
    }
  });
});
