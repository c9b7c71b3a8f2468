import request from 'supertest';
import type { SystemHealthResponse } from '../../server/contracts/health';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { bodyOf } from '../support/json-body';
import { freePort } from '../../server/database/embedded-database';

describe('Health endpoints', () => {
  describe('with the demo Odoo and an embedded database', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ embeddedDatabase: true });
    });
    afterAll(() => app.close());

    it('passes when everything is up, without a session', async () => {
      const res = await request(app.url).get('/api/monitoring/system-health').expect(200);
      const { timestamp, ...rest } = bodyOf<SystemHealthResponse>(res);
      expect(rest).toEqual({ status: 'pass', database: { status: 'pass' }, odoo: { status: 'pass' } });
      expect(new Date(timestamp).toString()).not.toBe('Invalid Date');
      await request(app.url).get('/api/monitoring/live').expect(200);
    });

    it('fails with 503 while the database is stopped, and recovers by itself', async () => {
      await app.database.stopServer();
      try {
        const down = await request(app.url).get('/api/monitoring/system-health');
        expect(down.status).toBe(503);
        expect(down.body).toMatchObject({ status: 'fail', database: { status: 'fail' } });
        await request(app.url).get('/api/monitoring/live').expect(200);
      } finally {
        await app.database.startServer();
      }
      let status = 0;
      for (let i = 0; i < 40 && status !== 200; i++) {
        status = (await request(app.url).get('/api/monitoring/system-health')).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(200);
    });
  });

  it('is degraded (200) when the environment Odoo is unreachable', async () => {
    const closedPort = await freePort();
    const app = await startTestApp({
      demoOdoo: false,
      env: { ODOO_URL: `http://127.0.0.1:${closedPort}`, ODOO_DATABASE: 'x', ODOO_USERNAME: 'u', ODOO_PASSWORD: 'p' },
    });
    try {
      const res = await request(app.url).get('/api/monitoring/system-health').expect(200);
      expect(res.body).toMatchObject({ status: 'degraded', database: { status: 'pass' }, odoo: { status: 'fail' } });
    } finally {
      await app.close();
    }
  });
});
