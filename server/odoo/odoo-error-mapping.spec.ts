import { faultToError, json2ErrorToError, networkError, summary } from './odoo-error-mapping';

const SECRET = 'super-secret-key-123';

describe('faultToError', () => {
  it('maps fault 2 naming the model to module-missing', () => {
    const e = faultToError({ faultCode: 2, faultString: "Object helpdesk.ticket doesn't exist" }, 'helpdesk.ticket', SECRET);
    expect([e.code, e.message, e.model]).toEqual(['module-missing', 'Model helpdesk.ticket not found', 'helpdesk.ticket']);
  });

  it('maps a translated fault 2 that still names the model to module-missing', () => {
    expect(faultToError({ faultCode: 2, faultString: "L'objet crm.lead n'existe pas !" }, 'crm.lead', SECRET).code).toBe('module-missing');
  });

  it('maps any other fault 2 (a UserError) to odoo-error', () => {
    expect(faultToError({ faultCode: 2, faultString: 'Invalid "order" specified' }, 'crm.lead', SECRET).code).toBe('odoo-error');
  });

  it('maps fault 3 "Access Denied" to auth-failed', () => {
    const e = faultToError({ faultCode: 3, faultString: 'Access Denied' }, 'crm.lead', SECRET);
    expect([e.code, e.message, e.isAuthError]).toEqual(['auth-failed', 'Odoo authentication failed', true]);
  });

  it('maps fault 3 with any other text to login-cooldown', () => {
    const e = faultToError({ faultCode: 3, faultString: 'Too many login failures, please wait a bit before trying again.' }, 'crm.lead', SECRET);
    expect(e.code).toBe('login-cooldown');
  });

  it('maps fault 4 to access-denied', () => {
    const text = "You are not allowed to access 'Lead/Opportunity' (crm.lead) records.";
    expect(faultToError({ faultCode: 4, faultString: text }, 'crm.lead', SECRET).code).toBe('access-denied');
  });

  it('maps fault 1 to odoo-error with the last traceback line', () => {
    const traceback = "Traceback (most recent call last):\n  File \"x.py\", line 1\nValueError: Invalid field 'foo' on model 'account.move'\n";
    const e = faultToError({ faultCode: 1, faultString: traceback }, 'account.move', SECRET);
    expect(e.code).toBe('odoo-error');
    expect(e.message).toBe("Odoo error: ValueError: Invalid field 'foo' on model 'account.move'");
  });

  it('maps legacy string fault codes to odoo-error', () => {
    expect(faultToError({ faultCode: 'warning -- UserError\n\nx', faultString: '' }, 'crm.lead', SECRET).code).toBe('odoo-error');
  });

  it('never lets the secret through, in the message or the cause', () => {
    const e = faultToError({ faultCode: 1, faultString: `Traceback\nTypeError: bad password ${SECRET}` }, 'crm.lead', SECRET);
    expect(e.message).not.toContain(SECRET);
    expect(JSON.stringify(e.cause)).not.toContain(SECRET);
    expect(e.message).toContain('***');
  });
});

describe('json2ErrorToError', () => {
  const body = (message: string) => ({ name: 'werkzeug.exceptions.X', message });

  it('maps 401 to auth-failed, 403 to access-denied', () => {
    expect(json2ErrorToError(401, body('Invalid apikey'), 'crm.lead', SECRET).code).toBe('auth-failed');
    expect(json2ErrorToError(403, body('no'), 'crm.lead', SECRET).code).toBe('access-denied');
  });

  it('maps a JSON 404 to module-missing', () => {
    const e = json2ErrorToError(404, body("the model 'crm.lead' does not exist"), 'crm.lead', SECRET);
    expect([e.code, e.message]).toEqual(['module-missing', 'Model crm.lead not found']);
  });

  it('maps a 404 without a JSON body (no JSON-2 API there) to bad-response', () => {
    expect(json2ErrorToError(404, null, 'crm.lead', SECRET).code).toBe('bad-response');
  });

  it('maps a JSON 500 (a server exception) to odoo-error and a bare 502 to bad-response', () => {
    expect(json2ErrorToError(500, body("Invalid field 'x' on 'crm.lead'"), 'crm.lead', SECRET).code).toBe('odoo-error');
    expect(json2ErrorToError(502, null, 'crm.lead', SECRET).code).toBe('bad-response');
  });
});

describe('networkError', () => {
  it.each(['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'EPIPE'])('maps %s to network with a short message', (code) => {
    const e = networkError(Object.assign(new Error(`connect ${code} 10.0.0.1:8069`), { code }));
    expect([e.code, e.message]).toEqual(['network', `Network error: ${code}`]);
  });

  it('maps TLS failures to network', () => {
    for (const code of ['ERR_SSL_WRONG_VERSION_NUMBER', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'EPROTO']) {
      const e = networkError(Object.assign(new Error('tls'), { code }));
      expect(e.code).toBe('network');
      expect(e.message).toContain('TLS');
    }
  });
});

describe('summary', () => {
  it('keeps the first line of a user message and cuts long lines', () => {
    expect(summary('First line\nsecond')).toBe('First line');
    expect(summary('x'.repeat(500))).toHaveLength(200);
  });
});
