import { Controller, Get, type INestApplication, Req, Res } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createCacheEntry } from './company-view-cache';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CompanyViewResult } from './company-view.service';
import { cachedAnswer } from './http-cache';

// The answer on a real Nest + Fastify stack, behind a route that answers whatever result the test
// sets, as the company view's controller does: the headers, the 304 path and the body bytes are
// what a client would see.
let next: CompanyViewResult;

@Controller('view')
class ViewController {
  @Get()
  get(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Buffer | Response {
    return cachedAnswer(request, reply, next);
  }
}

describe('cachedAnswer', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ViewController] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await (app as INestApplication | undefined)?.close();
  });

  const inject = (headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: '/view', headers });

  it('sends the stored body byte for byte as JSON with the cache headers of a miss', async () => {
    const body = '{"tenantId":"t1","n":1}';
    next = { entry: createCacheEntry(body, 30_000), hit: false };
    const res = await inject();
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(body);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-cache']).toBe('MISS');
    expect(res.headers['cache-control']).toBe('private, max-age=30');
    expect(res.headers.vary).toBe('Cookie, x-tenant-id, Accept-Encoding');
    expect(res.headers.etag).toBe(next.entry.etag);
  });

  it('says HIT and counts down max-age with the entry, capped at 30 s', async () => {
    next = { entry: createCacheEntry('{}', 60_000, Date.now() - 50_000), hit: true };
    const res = await inject();
    expect(res.headers['x-cache']).toBe('HIT');
    expect(res.headers['cache-control']).toBe('private, max-age=10');
    next = { entry: createCacheEntry('{}', 120_000), hit: true };
    expect((await inject()).headers['cache-control']).toBe('private, max-age=30');
  });

  it('answers 304 with no body when If-None-Match holds the entry ETag', async () => {
    next = { entry: createCacheEntry('{"a":1}', 30_000), hit: true };
    for (const ifNoneMatch of [next.entry.etag, `"other", ${next.entry.etag}`, `W/${next.entry.etag}`, '*']) {
      const res = await inject({ 'if-none-match': ifNoneMatch });
      expect(res.statusCode).toBe(304);
      expect(res.body).toBe('');
      expect(res.headers['x-cache']).toBe('HIT');
      expect(res.headers.etag).toBe(next.entry.etag);
      expect(res.headers['cache-control']).toBe('private, max-age=30');
      expect(res.headers.vary).toBe('Cookie, x-tenant-id, Accept-Encoding');
    }
  });

  it('keeps the X-Cache of the entry on a 304 after a miss', async () => {
    next = { entry: createCacheEntry('{"a":2}', 30_000), hit: false };
    const res = await inject({ 'if-none-match': next.entry.etag });
    expect(res.statusCode).toBe(304);
    expect(res.headers['x-cache']).toBe('MISS');
  });

  it('sends the body when If-None-Match names another version', async () => {
    next = { entry: createCacheEntry('{"a":3}', 30_000), hit: true };
    const res = await inject({ 'if-none-match': '"stale"' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('{"a":3}');
  });
});
