import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compress from '@fastify/compress';
import helmet from 'helmet';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { registerAuthRoutes } from './auth/auth.plugin';
import { AuthService } from './auth/auth.service';
import type { AppConfig } from './config/app-config';
import { serveOpenApi } from './docs/openapi';
import { requestId } from './logging';
import { projectRoot } from './common/project-root';

export const CLIENT_DIR = join(projectRoot(), 'dist', 'client', 'browser');
const BODY_LIMIT_BYTES = 100 * 1024;

export interface CreateAppOptions {
  /** Where log lines go (default stdout); tests capture them to check what is logged. */
  logStream?: NodeJS.WritableStream;
}

/** Builds the whole HTTP application (used by main.ts, the tests and the benchmarks). */
export async function createApp(config: AppConfig, databaseUrl: string, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // Trust exactly TRUST_PROXY hops of X-Forwarded-For; otherwise the TCP peer is the client.
    trustProxy: config.trustProxy > 0 ? (_address: string, hop: number) => hop < config.trustProxy : false,
    // Fastify's own request logging is replaced by nestjs-pino's, which uses this id.
    logger: false,
    genReqId: requestId,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl, options.logStream), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  useSecurityHeaders(fastify);
  // The company view sends bodies it encoded once per cache entry; compressing per request is for the rest.
  fastify.addHook('onRoute', (route) => {
    if (route.url === '/api/company-view') route.compress = false;
  });
  await fastify.register(compress, { encodings: ['br', 'gzip'], threshold: 1024 });
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: true });
  await registerAuthRoutes(fastify, app.get(AuthService));
  if (config.apiDocs) serveOpenApi(app);
  await serveClient(fastify);
  await app.init();
  return app;
}

/**
 * Helmet's headers on every reply. The middleware is built once here: the Fastify wrapper plugin
 * rebuilds it on every request, which cost a tenth of the CPU of a cached company view.
 */
function useSecurityHeaders(fastify: FastifyInstance): void {
  const secure = helmet({ contentSecurityPolicy: { directives: contentSecurityPolicy() } });
  fastify.addHook('onRequest', (request, reply, done) => secure(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
}

function contentSecurityPolicy() {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // Angular adds component styles as <style> elements.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    upgradeInsecureRequests: null,
  };
}

/** The built Angular app, with index.html for every non-API path so deep links work. */
async function serveClient(fastify: FastifyInstance): Promise<void> {
  const hasClient = existsSync(join(CLIENT_DIR, 'index.html'));
  if (hasClient) {
    await fastify.register(fastifyStatic, {
      root: CLIENT_DIR,
      wildcard: false,
      index: false,
      // Built files carry a content hash in their name: they never change, so caches may keep them.
      setHeaders: (reply, path) => {
        if (/-[A-Za-z0-9_]{8,}\.(js|css)$/.test(path)) reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  fastify.get('/*', { config: {} }, (request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api') {
      return reply.code(404).send({ error: 'Not Found' });
    }
    if (!hasClient) {
      return reply.code(503).type('text/plain').send('The client is not built yet: run `npm run build:client` (npm start does it for you).');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
