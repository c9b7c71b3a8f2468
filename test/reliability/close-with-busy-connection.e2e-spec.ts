// Closing the application (tests, the benchmarks and SIGTERM all do) while a keep-alive connection
// is busy: the response is still delivered, then the server ends that connection itself, so the close
// completes instead of waiting out the keep-alive timeout (72 s, longer than this test may run).
import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { startTestApp, type TestApp, type TestUser } from '../support/app-fixture';

let t: TestApp;
let user: TestUser & { cookie: string };
let tenantId: string;

beforeAll(async () => {
  t = await startTestApp();
  user = await t.newSignedInUser();
  tenantId = await t.createTenant({ odooDatabase: 'acme' });
  await t.addMember(user.userId, tenantId);
});

afterAll(async () => {
  await t.demoOdoo?.close();
  await t.database.destroy();
});

/** GET the company view over a keep-alive agent; resolves with its status, body and socket. */
function slowView(agent: Agent): Promise<{ status: number; body: string; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.url}/api/company-view`, { agent, headers: { cookie: user.cookie, 'x-tenant-id': tenantId } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body, socket: req.socket! }));
    });
    req.on('error', reject);
    req.end();
  });
}

it('delivers the in-flight response, then ends its keep-alive connection and finishes closing', async () => {
  const agent = new Agent({ keepAlive: true });
  // Slow enough that the request is still being answered when the close begins.
  t.demoOdoo!.setFault({ db: 'acme', kind: 'latency', latencyMs: 300 });
  const answered = slowView(agent);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const closed = t.app.close();
  const { status, body, socket } = await answered;
  expect(status).toBe(200);
  expect((JSON.parse(body) as { tenantId: string }).tenantId).toBe(tenantId);
  // The client kept the socket for reuse; only the server can end it now.
  const endedByServer = socket.destroyed || (await new Promise<boolean>((resolve) => socket.once('close', () => resolve(true))));
  expect(endedByServer).toBe(true);
  await closed;
  agent.destroy();
});
