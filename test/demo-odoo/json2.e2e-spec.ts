import { startDemoOdoo } from '../../server/demo-odoo';
import type { DemoOdooServer } from '../../server/demo-odoo';

let demo: DemoOdooServer;

beforeAll(async () => {
  demo = await startDemoOdoo({ port: 0, today: new Date('2025-06-15T09:00:00Z') });
});
afterAll(() => demo.close());

interface Json2Result {
  status: number;
  body: unknown;
  text: string;
  contentType: string | null;
}

async function json2(path: string, body: unknown, headers: Record<string, string> = {}, base = demo.url): Promise<Json2Result> {
  const res = await fetch(`${base}/json/2/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'bearer demo-secret-umbrella', 'X-Odoo-Database': 'umbrella', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined; // not JSON: the test looks at the text
  }
  return { status: res.status, body: parsed, text, contentType: res.headers.get('content-type') };
}

const errorBody = (r: Json2Result) => r.body as { name: string; message: string; arguments: unknown[]; context: object; debug: string };

describe('JSON-2 on Odoo 19', () => {
  it('search_read returns the rows as JSON with Python separators', async () => {
    const r = await json2('res.partner/search_read', { domain: [['is_company', '=', true]], fields: ['name', 'user_id'], order: 'id', limit: 2 });
    expect(r.status).toBe(200);
    expect(r.contentType).toBe('application/json; charset=utf-8');
    const rows = r.body as Array<{ id: number; name: string; user_id: [number, string] | false }>;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({ id: 1, name: 'Umbrella Corporation', user_id: false });
    expect(r.text.startsWith('[{"id": 1, "name": ')).toBe(true);
  });

  it('search_count, search and read with ids agree', async () => {
    const domain = [['stage_id.fold', '=', false]];
    const count = (await json2('helpdesk.ticket/search_count', { domain })).body as number;
    const ids = (await json2('helpdesk.ticket/search', { domain, order: 'priority desc, create_date desc' })).body as number[];
    expect(ids).toHaveLength(count);
    const rows = (await json2('helpdesk.ticket/read', { ids: ids.slice(0, 3), fields: ['priority', 'fold'] })).body as Array<{ id: number; fold: boolean }>;
    expect(rows.map((x) => x.id)).toEqual(ids.slice(0, 3));
    expect(rows.every((x) => x.fold === false)).toBe(true);
  });

  it('works without X-Odoo-Database through the database URL', async () => {
    const scoped = await fetch(`${demo.urlFor('umbrella')}/json/2/res.currency/search_count`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer demo-secret-umbrella' },
      body: '{"domain": []}',
    });
    expect(scoped.status).toBe(200);
    expect(await scoped.json()).toBeGreaterThan(0);
  });

  it('floats keep their decimal point', async () => {
    const r = await json2('crm.lead/search_read', { domain: [['stage_id.is_won', '=', true]], fields: ['probability'], limit: 1 });
    expect(r.text).toContain('"probability": 100.0');
  });

  it('401 for a bad key, and for the password (API keys only)', async () => {
    for (const auth of ['bearer nope', 'bearer demo-password-umbrella']) {
      const r = await json2('res.partner/search', { domain: [] }, { Authorization: auth });
      expect(r.status).toBe(401);
      expect(errorBody(r)).toMatchObject({
        name: 'werkzeug.exceptions.Unauthorized',
        message: 'Invalid apikey',
        arguments: ['Invalid apikey', 401],
        context: {},
      });
      expect(errorBody(r).debug).toMatch(/^Traceback/);
    }
    expect((await json2('res.partner/search', { domain: [] }, { Authorization: '' })).status).toBe(401);
  });

  it('404 for an unknown model or method, 403 for a write, 422 for bad arguments', async () => {
    const model = await json2('nope.model/search', { domain: [] });
    expect(model.status).toBe(404);
    expect(errorBody(model).message).toBe("the model 'nope.model' does not exist");
    const method = await json2('res.partner/frobnicate', {});
    expect(method.status).toBe(404);
    expect(errorBody(method).message).toBe("The method 'res.partner.frobnicate' does not exist");
    const write = await json2('res.partner/write', { ids: [1], vals: { name: 'x' } });
    expect(write.status).toBe(403);
    expect(errorBody(write).name).toBe('odoo.exceptions.AccessError');
    expect(errorBody(write).message).toMatch(/^You are not allowed to modify 'Contact' \(res\.partner\) records\./);
    const withIds = await json2('res.partner/search', { ids: [1], domain: [] });
    expect(withIds.status).toBe(422);
    expect(errorBody(withIds).message).toBe('cannot call res.partner.search with ids');
    const badArg = await json2('res.partner/search_count', { domain: [], bogus: 1 });
    expect(badArg.status).toBe(422);
    expect(errorBody(badArg).name).toBe('werkzeug.exceptions.UnprocessableEntity');
    const privateMethod = await json2('res.partner/_read', { ids: [1] });
    expect(privateMethod.status).toBe(403);
  });

  it('500 with a ValueError body for an invalid or unsearchable field', async () => {
    const invalid = await json2('account.move/search_count', { domain: [['foo', '=', 1]] });
    expect(invalid.status).toBe(500);
    expect(errorBody(invalid)).toMatchObject({ name: 'builtins.ValueError', message: "Invalid field account.move.foo in condition ('foo', '=', 1)" });
    const trap = await json2('stock.warehouse.orderpoint/search_count', { domain: [['qty_forecast', '<', 0]] });
    expect(trap.status).toBe(500);
  });

  it('422 for a UserError and 403 for an unauthorized company', async () => {
    const order = await json2('res.partner/search', { domain: [], order: 'name;drop' });
    expect(order.status).toBe(422);
    expect(errorBody(order).name).toBe('odoo.exceptions.UserError');
    const company = await json2('res.partner/search', { domain: [], context: { allowed_company_ids: [9] } });
    expect(company.status).toBe(403);
    expect(errorBody(company).message).toBe('Access to unauthorized or invalid companies.');
  });

  it('400 for a body that is not JSON', async () => {
    const res = await fetch(`${demo.url}/json/2/res.partner/search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'bearer demo-secret-umbrella', 'X-Odoo-Database': 'umbrella' },
      body: '{nope',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/^could not parse the body as json/);
  });

  it('GET /web/version answers on 19', async () => {
    const res = await fetch(`${demo.urlFor('umbrella')}/web/version`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ version_info: [19, 0, 0, 'final', 0, ''], version: '19.0+e-20251227' });
  });
});

describe('JSON-2 elsewhere', () => {
  it('404 on 16-18 databases', async () => {
    for (const db of ['acme', 'globex', 'initech']) {
      const r = await json2('res.partner/search', { domain: [] }, { 'X-Odoo-Database': db, Authorization: `bearer demo-secret-${db}` });
      expect(r.status).toBe(404);
      expect(r.contentType).toMatch(/^text\/html/);
    }
    expect((await fetch(`${demo.urlFor('acme')}/web/version`)).status).toBe(404);
  });

  it('404 without X-Odoo-Database when the server hosts several databases', async () => {
    const r = await json2('res.partner/search', { domain: [] }, { 'X-Odoo-Database': '' });
    expect(r.status).toBe(404);
  });

  it('a server with a single 19 database needs no header', async () => {
    const solo = await startDemoOdoo({ port: 0, databases: [{ name: 'solo', version: 19, edition: 'community' }] });
    try {
      const res = await fetch(`${solo.url}/json/2/res.partner/search_count`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'bearer demo-secret-solo' },
        body: '{"domain": []}',
      });
      expect(res.status).toBe(200);
      const helpdesk = await fetch(`${solo.url}/json/2/helpdesk.ticket/search_count`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'bearer demo-secret-solo' },
        body: '{"domain": []}',
      });
      expect(helpdesk.status).toBe(404);
    } finally {
      await solo.close();
    }
  });
});
