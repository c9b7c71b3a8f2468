import { connect } from 'node:net';
import { startDemoOdoo } from '../../server/demo-odoo';
import type { DemoOdooServer } from '../../server/demo-odoo';
import { Creds, decodeResponse, executeKw, faultOf, methodCall, post, rpc } from './raw-xmlrpc';

const TODAY = '2025-06-15';
let demo: DemoOdooServer;

const creds = (db: string): Creds => ({ db, uid: 6, secret: `demo-secret-${db}` });
const call = (db: string, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) =>
  executeKw(demo.url, creds(db), model, method, args, kwargs);

beforeAll(async () => {
  demo = await startDemoOdoo({ port: 0, host: '127.0.0.1', today: new Date(`${TODAY}T09:00:00Z`) });
});
afterAll(() => demo.close());

describe('common service', () => {
  it.each([
    ['acme', '17.0+e-20240709', 17],
    ['globex', '18.0-20250702', 18],
    ['initech', '16.0+e-20230301', 16],
    ['umbrella', '19.0+e-20251227', 19],
  ])('version() through the %s URL reports %s', async (db, serverVersion, major) => {
    const v = (await rpc(demo.urlFor(db), 'common', 'version', [])) as Record<string, unknown>;
    expect(v).toEqual({ server_version: serverVersion, server_version_info: [major, 0, 0, 'final', 0, ''], server_serie: `${major}.0`, protocol_version: 1 });
  });

  it('starts 18/19 answers with the double-quoted XML declaration and 16/17 with the single-quoted one', async () => {
    const body = methodCall('version', []);
    expect((await post(demo.urlFor('umbrella'), 'xmlrpc/2/common', body)).body.startsWith('<?xml version="1.0"?>\n<methodResponse>')).toBe(true);
    expect((await post(demo.urlFor('globex'), 'xmlrpc/2/common', body)).body.startsWith('<?xml version="1.0"?>\n')).toBe(true);
    expect((await post(demo.urlFor('acme'), 'xmlrpc/2/common', body)).body.startsWith("<?xml version='1.0'?>\n<methodResponse>")).toBe(true);
    expect((await post(demo.urlFor('acme'), 'xmlrpc/2/common', body)).headers['content-type']).toBe('text/xml; charset=utf-8');
  });

  it('authenticate returns the uid for the API key and for the password', async () => {
    expect(await rpc(demo.url, 'common', 'authenticate', ['acme', 'api@acme.example', 'demo-secret-acme', {}])).toBe(6);
    expect(await rpc(demo.url, 'common', 'authenticate', ['initech', 'api@initech.example', 'demo-password-initech', {}])).toBe(6);
    expect(await rpc(demo.url, 'common', 'login', ['globex', 'api@globex.example', 'demo-password-globex'])).toBe(6);
  });

  it('authenticate returns False for a wrong secret, a wrong login or another database key', async () => {
    expect(await rpc(demo.url, 'common', 'authenticate', ['acme', 'api@acme.example', 'nope', {}])).toBe(false);
    expect(await rpc(demo.url, 'common', 'authenticate', ['acme', 'admin', 'demo-secret-acme', {}])).toBe(false);
    expect(await rpc(demo.url, 'common', 'authenticate', ['acme', 'api@acme.example', 'demo-secret-globex', {}])).toBe(false);
  });

  it('authenticate on an unknown database is fault 1 with a traceback', async () => {
    const f = await faultOf(rpc(demo.url, 'common', 'authenticate', ['nope', 'api@nope.example', 'x', {}]));
    expect(f.faultCode).toBe(1);
    expect(f.faultString).toMatch(/^Traceback \(most recent call last\):\n/);
    expect(f.faultString).toMatch(/psycopg2\.OperationalError: .*database "nope" does not exist/);
  });

  it('authenticate without its fourth argument is a TypeError fault', async () => {
    const f = await faultOf(rpc(demo.url, 'common', 'authenticate', ['acme', 'api@acme.example', 'demo-secret-acme']));
    expect(f.faultCode).toBe(1);
    expect(f.faultString).toContain("TypeError: exp_authenticate() missing 1 required positional argument: 'user_agent_env'");
  });

  it('an unknown common method is fault 1', async () => {
    const f = await faultOf(rpc(demo.url, 'common', 'frobnicate', []));
    expect(f.faultCode).toBe(1);
    expect(f.faultString).toContain('Method not found: frobnicate');
  });
});

describe('object service: reading', () => {
  it('search returns ids in the default order, with limit and offset', async () => {
    const all = (await call('acme', 'crm.lead', 'search', [[['type', '=', 'opportunity']]])) as number[];
    const page = (await call('acme', 'crm.lead', 'search', [[['type', '=', 'opportunity']]], { offset: 3, limit: 5 })) as number[];
    expect(all.length).toBeGreaterThan(10);
    expect(page).toEqual(all.slice(3, 8));
  });

  it('search_count agrees with search and honours its limit', async () => {
    const domain = [
      ['move_type', 'in', ['out_invoice', 'out_refund']],
      ['state', '=', 'posted'],
      ['payment_state', 'in', ['not_paid', 'partial']],
    ];
    const ids = (await call('globex', 'account.move', 'search', [domain])) as number[];
    expect(await call('globex', 'account.move', 'search_count', [domain])).toBe(ids.length);
    expect(await call('globex', 'account.move', 'search_count', [domain], { limit: 3 })).toBe(3);
  });

  it('search_read encodes values like Odoo: many2one pairs, false for empty, floats, dates', async () => {
    const rows = (await call(
      'acme',
      'account.move',
      'search_read',
      [
        [
          ['move_type', '=', 'out_invoice'],
          ['state', '=', 'posted'],
        ],
      ],
      {
        fields: ['name', 'partner_id', 'invoice_date', 'invoice_date_due', 'amount_total', 'currency_id', 'invoice_origin', 'create_date'],
        order: 'invoice_date desc, id desc',
        limit: 50,
      },
    )) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(50);
    const row = rows[0];
    expect(Object.keys(row)).toEqual([
      'id',
      'name',
      'partner_id',
      'invoice_date',
      'invoice_date_due',
      'amount_total',
      'currency_id',
      'invoice_origin',
      'create_date',
    ]);
    expect(row.partner_id).toEqual([expect.any(Number), expect.stringContaining('(Acme)')]);
    expect(row.invoice_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row.create_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(typeof row.amount_total).toBe('number');
    expect(rows.some((r) => r.invoice_origin === false)).toBe(true);
    const dates = rows.map((r) => r.invoice_date as string);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('sends floats as <double> even when whole', async () => {
    const res = await post(
      demo.url,
      'xmlrpc/2/object',
      methodCall('execute_kw', [
        'acme',
        6,
        'demo-secret-acme',
        'crm.lead',
        'search_read',
        [
          [
            ['probability', '=', 100],
            ['stage_id.is_won', '=', true],
          ],
        ],
        { fields: ['probability'], limit: 1 },
      ]),
    );
    expect(res.body).toContain('<name>probability</name>\n<value><double>100.0</double></value>');
  });

  it('read returns the requested records and fields, archived ones included', async () => {
    const lost = (await call('acme', 'crm.lead', 'search', [[['active', '=', false]]], { limit: 2 })) as number[];
    const rows = (await call('acme', 'crm.lead', 'read', [lost, ['name', 'active', 'stage_id']])) as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.id)).toEqual(lost);
    expect(rows.every((r) => r.active === false)).toBe(true);
    const plain = (await call('acme', 'crm.lead', 'read', [lost.slice(0, 1), ['stage_id']], { load: '' })) as Array<Record<string, unknown>>;
    expect(typeof plain[0].stage_id).toBe('number');
  });

  it.each(['initech', 'acme', 'globex', 'umbrella'])('read on %s leaves out ids that do not exist, without a fault', async (db) => {
    const rows = (await call(db, 'crm.lead', 'read', [[999999, 2, 1, 999998], ['name']])) as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.id)).toEqual([2, 1]);
    expect(await call(db, 'crm.lead', 'read', [[999999], ['name']])).toEqual([]);
  });

  it('fields_get reports types, storage and searchability per version, filtered by attributes', async () => {
    const attrs = ['type', 'string', 'store', 'searchable', 'relation', 'selection'];
    const v16 = (await call('initech', 'project.task', 'fields_get', [], { attributes: attrs })) as Record<string, Record<string, unknown>>;
    const v17 = (await call('acme', 'project.task', 'fields_get', [], { attributes: attrs })) as Record<string, Record<string, unknown>>;
    const v18 = (await call('globex', 'project.task', 'fields_get', [], { attributes: attrs })) as Record<string, Record<string, unknown>>;
    expect(v16.date_deadline.type).toBe('date');
    expect(v17.date_deadline.type).toBe('datetime');
    expect(v16.is_closed).toMatchObject({ type: 'boolean', store: true, searchable: true });
    expect(v17.is_closed).toBeUndefined();
    expect(v18.is_closed).toMatchObject({ store: false, searchable: true });
    expect(v16.state).toBeUndefined();
    expect((v17.state.selection as string[][]).map((s) => s[0])).toContain('1_canceled');
    expect(Object.keys(v17.stage_id).sort()).toEqual(['relation', 'searchable', 'store', 'string', 'type']);
    expect(v17.stage_id.relation).toBe('project.task.type');
  });

  it('fields_get with allfields returns only those fields', async () => {
    const f = (await call('umbrella', 'product.product', 'fields_get', [['is_storable', 'reordering_min_qty', 'qty_available']], {
      attributes: ['store', 'searchable'],
    })) as Record<string, unknown>;
    expect(f).toEqual({
      is_storable: { store: false, searchable: true },
      qty_available: { store: false, searchable: true },
      reordering_min_qty: { store: false, searchable: false },
    });
  });

  it('honours active_test in the context', async () => {
    const active = (await call('acme', 'crm.lead', 'search_count', [[]])) as number;
    const all = (await call('acme', 'crm.lead', 'search_count', [[]], { context: { active_test: false, lang: 'fr_FR' } })) as number;
    expect(all).toBeGreaterThan(active);
    expect(all).toBe(demo.records('acme', 'crm.lead').length);
  });
});

describe('object service: faults', () => {
  it('checks credentials before the model: bad secret on a missing model is fault 3', async () => {
    const f = await faultOf(executeKw(demo.url, { db: 'globex', uid: 6, secret: 'wrong' }, 'helpdesk.ticket', 'search', [[]]));
    expect(f.faultCode).toBe(3);
    expect(f.faultString).toBe('Access Denied');
  });

  it('refuses a wrong uid and an empty secret with fault 3', async () => {
    expect((await faultOf(executeKw(demo.url, { db: 'acme', uid: 2, secret: 'demo-secret-acme' }, 'res.partner', 'search', [[]]))).faultCode).toBe(3);
    expect((await faultOf(executeKw(demo.url, { db: 'acme', uid: 6, secret: '' }, 'res.partner', 'search', [[]]))).faultCode).toBe(3);
  });

  it('helpdesk does not exist on Community: fault 2', async () => {
    const f = await faultOf(call('globex', 'helpdesk.ticket', 'search_count', [[]]));
    expect(f.faultCode).toBe(2);
    expect(f.faultString).toBe("Object helpdesk.ticket doesn't exist");
    expect(await call('acme', 'helpdesk.ticket', 'search_count', [[]])).toBeGreaterThan(0);
  });

  it.each([
    ['initech', "ValueError: Invalid field account.move.foo in leaf ('foo', '=', 1)"],
    ['acme', "ValueError: Invalid field account.move.foo in leaf ('foo', '=', 1)"],
    ['umbrella', "ValueError: Invalid field account.move.foo in condition ('foo', '=', 1)"],
  ])('an unknown field in a domain on %s is fault 1 ending with %s', async (db, last) => {
    const f = await faultOf(call(db, 'account.move', 'search_count', [[['foo', '=', 1]]]));
    expect(f.faultCode).toBe(1);
    expect(f.faultString.trimEnd().split('\n').pop()).toBe(last);
  });

  it.each([
    ['globex', "ValueError: Invalid field 'foo' on model 'account.move'"],
    ['umbrella', "ValueError: Invalid field 'foo' on 'account.move'"],
  ])('an unknown field in fields on %s is fault 1', async (db, last) => {
    const f = await faultOf(call(db, 'account.move', 'search_read', [[]], { fields: ['name', 'foo'], limit: 1 }));
    expect(f.faultCode).toBe(1);
    expect(f.faultString.trimEnd().split('\n').pop()).toBe(last);
  });

  it('search(count=True) counts on 16 and is a TypeError fault on 17+', async () => {
    const n = await call('initech', 'res.partner', 'search', [[]], { count: true });
    expect(n).toBe(await call('initech', 'res.partner', 'search_count', [[]]));
    const f = await faultOf(call('acme', 'res.partner', 'search', [[]], { count: true }));
    expect(f.faultCode).toBe(1);
    expect(f.faultString).toContain("TypeError: BaseModel.search() got an unexpected keyword argument 'count'");
  });

  it.each(['create', 'write', 'unlink', 'copy', 'action_post', 'action_archive'])('%s is refused with fault 4', async (method) => {
    const args = method === 'create' ? [{ name: 'x' }] : method === 'write' ? [[1], { name: 'x' }] : [[1]];
    const f = await faultOf(call('acme', 'account.move', method, args));
    expect(f.faultCode).toBe(4);
    expect(f.faultString).toMatch(
      /^You are not allowed to (create|modify|delete) 'Journal Entry' \(account\.move\) records\.\n\nThis operation is allowed for the following groups:\n\t- /,
    );
    expect(f.faultString.endsWith('Contact your administrator to request access if necessary.')).toBe(true);
  });

  it('private methods are refused with fault 4', async () => {
    expect((await faultOf(call('initech', 'res.partner', '_read', [[1]]))).faultString).toBe('Private methods (such as _read) cannot be called remotely.');
    expect((await faultOf(call('globex', 'res.partner', '_read', [[1]]))).faultString).toBe(
      "Private methods (such as 'res.partner._read') cannot be called remotely.",
    );
  });

  it('an unauthorized company in allowed_company_ids is fault 4', async () => {
    const f = await faultOf(call('acme', 'res.partner', 'search_count', [[]], { context: { allowed_company_ids: [1, 2] } }));
    expect(f.faultCode).toBe(4);
    expect(f.faultString).toBe('Access to unauthorized or invalid companies.');
    expect(await call('acme', 'res.partner', 'search_count', [[]], { context: { allowed_company_ids: [1] } })).toBeGreaterThan(0);
  });

  it('16 rejects NULLS in an order with fault 2; 17 accepts it', async () => {
    const f = await faultOf(call('initech', 'project.task', 'search', [[]], { order: 'date_deadline asc nulls last' }));
    expect(f.faultCode).toBe(2);
    expect(f.faultString).toContain('Invalid "order" specified');
    const ids = (await call('acme', 'project.task', 'search_read', [[['project_id', '!=', false]]], {
      order: 'date_deadline asc nulls first',
      fields: ['date_deadline'],
    })) as Array<{ date_deadline: string | false }>;
    const firstDated = ids.findIndex((r) => r.date_deadline !== false);
    expect(firstDated).toBeGreaterThan(0);
    expect(ids.slice(firstDated).every((r) => r.date_deadline !== false)).toBe(true);
  });

  it('name_get exists on 16/17 and is gone on 18+', async () => {
    const pairs = (await call('acme', 'res.partner', 'name_get', [[1]])) as unknown[];
    expect(pairs).toEqual([[1, 'Acme Corporation']]);
    expect((await faultOf(call('globex', 'res.partner', 'name_get', [[1]]))).faultString).toContain(
      "AttributeError: The method 'res.partner.name_get' does not exist",
    );
  });

  it('the fault bytes match Python xmlrpc.client', async () => {
    const res = await post(demo.url, 'xmlrpc/2/object', methodCall('execute_kw', ['initech', 6, 'wrong', 'res.partner', 'search', [[]]]));
    expect(res.status).toBe(200);
    expect(res.body).toBe(
      "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>3</int></value>\n</member>\n" +
        '<member>\n<name>faultString</name>\n<value><string>Access Denied</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n',
    );
    const res19 = await post(demo.url, 'xmlrpc/2/object', methodCall('execute_kw', ['umbrella', 6, 'wrong', 'res.partner', 'search', [[]]]));
    expect(res19.body.startsWith('<?xml version="1.0"?>\n<methodResponse>\n<fault>\n')).toBe(true);
    expect(res19.body.endsWith('</fault>\n\n</methodResponse>\n')).toBe(true);
  });
});

describe('version traps over the wire', () => {
  it('a filter on reordering_min_qty is silently dropped on 16-18 and refused on 19', async () => {
    for (const db of ['initech', 'acme', 'globex']) {
      const all = await call(db, 'product.product', 'search_count', [[]]);
      expect(await call(db, 'product.product', 'search_count', [[['reordering_min_qty', '>', 1e9]]])).toBe(all);
    }
    const f = await faultOf(call('umbrella', 'product.product', 'search_count', [[['reordering_min_qty', '>', 1e9]]]));
    expect(f.faultCode).toBe(1);
  });

  it('qty_available is searchable and agrees with the quants', async () => {
    const storable = ['type', '=', 'product'];
    const low = (await call('acme', 'product.product', 'search_read', [[['qty_available', '<=', 5], storable]], { fields: ['qty_available'] })) as Array<{
      qty_available: number;
    }>;
    expect(low.length).toBeGreaterThan(0);
    expect(low.every((r) => r.qty_available <= 5)).toBe(true);
    expect(
      await call('globex', 'product.product', 'search_count', [
        [
          ['qty_available', '<=', 5],
          ['is_storable', '=', true],
        ],
      ]),
    ).toBeGreaterThan(0);
  });

  it('payment_state offers blocked from 18 on', async () => {
    const sel = async (db: string) =>
      (
        (await call(db, 'account.move', 'fields_get', [['payment_state']], { attributes: ['selection'] })) as Record<string, { selection: string[][] }>
      ).payment_state.selection.map((s) => s[0]);
    expect(await sel('acme')).not.toContain('blocked');
    expect(await sel('globex')).toContain('blocked');
  });
});

describe('dataset', () => {
  it.each([
    ['acme', 'Acme', 'USD'],
    ['globex', 'Globex', 'EUR'],
    ['initech', 'Initech', 'GBP'],
    ['umbrella', 'Umbrella', 'USD'],
  ])('%s names carry the marker %s and its company currency is %s', async (db, marker, currency) => {
    for (const model of ['res.partner', 'product.product', 'project.task']) {
      const names = demo.records(db, model).map((r) => String(r.name));
      expect(names.every((n) => n.includes(marker))).toBe(true);
    }
    const [company] = (await call(db, 'res.company', 'search_read', [[]], { fields: ['currency_id'] })) as Array<{ currency_id: [number, string] }>;
    expect(company.currency_id[1]).toBe(currency);
  });

  it('covers the states the company view must handle', () => {
    const moves = demo.records('globex', 'account.move');
    expect(new Set(moves.map((m) => m.state))).toEqual(new Set(['draft', 'posted', 'cancel']));
    const paymentStates = new Set(moves.filter((m) => m.move_type === 'out_invoice').map((m) => m.payment_state));
    for (const s of ['not_paid', 'partial', 'paid', 'in_payment', 'reversed', 'blocked']) expect(paymentStates).toContain(s);
    const overdue = moves.filter((m) => m.state === 'posted' && m.payment_state === 'not_paid' && (m.invoice_date_due as string) < TODAY);
    expect(overdue.length).toBeGreaterThan(0);
    const leads = demo.records('acme', 'crm.lead');
    expect(leads.some((l) => l.active === false && l.probability === 0)).toBe(true);
    expect(leads.some((l) => l.probability === 100 && l.stage_id === 4)).toBe(true);
    const tasks = demo.records('umbrella', 'project.task');
    expect(tasks.some((t) => t.project_id === null)).toBe(true);
    expect(tasks.some((t) => t.is_template === true)).toBe(true);
    expect(tasks.some((t) => Array.isArray(t.user_ids) && t.user_ids.length > 1)).toBe(true);
  });

  it('is the same for the same seed and day', async () => {
    const again = await startDemoOdoo({ port: 0, today: new Date(`${TODAY}T20:00:00Z`) });
    try {
      expect(again.records('acme', 'account.move')).toEqual(demo.records('acme', 'account.move'));
    } finally {
      await again.close();
    }
  });
});

describe('hostile input', () => {
  it('answers 413 when the declared body is over 10 MB, without reading it', async () => {
    const { port } = new URL(demo.url);
    const head = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /xmlrpc/2/common HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: ${10 * 1024 * 1024 + 1}\r\n\r\n<methodCall>`);
      });
      let data = '';
      socket.on('data', (c) => (data += c.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(head.startsWith('HTTP/1.1 413 ')).toBe(true);
  });

  it('answers 413 to a chunked body that grows past 10 MB', async () => {
    const res = await post(demo.url, 'xmlrpc/2/common', Buffer.alloc(10 * 1024 * 1024 + 1, 0x20), { 'Transfer-Encoding': 'chunked' }).catch((e: Error) => e);
    // The server stops reading and closes: the client sees the 413 or, if it was still writing, a closed socket.
    if (res instanceof Error) expect(res.message).toMatch(/EPIPE|ECONNRESET|socket hang up/);
    else expect(res.status).toBe(413);
  });

  it('turns malformed or deeply nested XML into fault 1 without crashing', async () => {
    const broken = await post(demo.url, 'xmlrpc/2/common', '<methodCall><methodName>version</methodName>');
    const decoded = decodeResponse(broken.body);
    expect('fault' in decoded && decoded.fault.faultCode).toBe(1);
    const deep = `<methodCall><methodName>version</methodName><params><param>${'<value><array><data>'.repeat(500)}${'</data></array></value>'.repeat(500)}</param></params></methodCall>`;
    const res = decodeResponse((await post(demo.url, 'xmlrpc/2/common', deep)).body);
    expect('fault' in res && res.fault.faultString).toMatch(/ExpatError: elements nested too deeply/);
    expect(await rpc(demo.url, 'common', 'version', [])).toBeTruthy();
  });

  it('refuses DOCTYPE declarations', async () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><methodCall><methodName>&b;</methodName></methodCall>';
    const res = decodeResponse((await post(demo.url, 'xmlrpc/2/common', bomb)).body);
    expect('fault' in res && res.fault.faultCode).toBe(1);
  });
});
