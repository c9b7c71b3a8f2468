import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compress from '@fastify/compress';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { registerAuthRoutes } from './auth/auth.plugin';
import { AuthService } from './auth/auth.service';
import { answerUnparsableRequest, refuseMalformedRequests, sendFastifyError } from './common/http-errors';
import { acceptJsonOnly } from './common/json-body';
import { MIN_COMPRESS_BYTES } from './company-view/encoded-bodies';
import type { AppConfig } from './config/app-config';
import { serveOpenApi } from './docs/openapi';
import { requestId } from './logging';
import { projectRoot } from './common/project-root';
import { API_PREFIX, COMPANY_VIEW_PATH } from './common/routes';

export const CLIENT_DIR = join(projectRoot(), 'dist', 'client', 'browser');
const BODY_LIMIT_BYTES = 100 * 1024;

export interface CreateAppOptions {
  /** Where log lines go (default stdout); tests capture them to check what is logged. */
  logStream?: NodeJS.WritableStream;
  /** The running demo Odoo, in demo mode. */
  demoOdooUrl?: string | null;
}

/** Builds the whole HTTP application (used by main.ts, the tests and the benchmarks). */
export async function createApp(config: AppConfig, databaseUrl: string, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const secure = securityHeaders();
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // Trust exactly TRUST_PROXY hops of X-Forwarded-For; otherwise the TCP peer is the client.
    trustProxy: config.trustProxy > 0 ? (_address: string, hop: number) => hop < config.trustProxy : false,
    // Fastify's own request logging is replaced by nestjs-pino's, which uses this id.
    logger: false,
    genReqId: requestId,
    // What Node's parser can't read, and what the router refuses before any hook runs (bad
    // percent-encoding), get the API's error body instead of Fastify's.
    clientErrorHandler: answerUnparsableRequest,
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => sendFastifyError(reply.headers(secure), error),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl, options), adapter, {
    bufferLogs: true,
    // Our own JSON parser only (acceptJsonOnly): Nest's would add a form parser.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.setGlobalPrefix(API_PREFIX);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(secure);
    done();
  });
  refuseMalformedRequests(fastify);
  acceptJsonOnly(fastify);
  closeConnectionsAsTheyGoIdle(fastify);
  // The company view sends bodies it encoded once per cache entry; compressing per request is for the rest.
  fastify.addHook('onRoute', (route) => {
    if (route.url === COMPANY_VIEW_PATH) route.compress = false;
  });
  await fastify.register(compress, { encodings: ['br', 'gzip'], threshold: MIN_COMPRESS_BYTES });
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: true });
  await registerAuthRoutes(fastify, app.get(AuthService), config);
  if (config.apiDocs) serveOpenApi(app);
  await serveClient(fastify);
  await app.init();
  return app;
}

/**
 * Closing waits for every open connection to end. Fastify closes the idle ones once, when closing
 * starts; one busy then would, after its response, stay open for the whole keep-alive timeout (72 s),
 * and so would the close. Idle connections are closed as they appear until the server has closed.
 */
function closeConnectionsAsTheyGoIdle(fastify: FastifyInstance): void {
  fastify.addHook('preClose', (done) => {
    const server = fastify.server;
    const sweep = setInterval(() => server.closeIdleConnections(), 100).unref();
    server.once('close', () => clearInterval(sweep));
    done();
  });
}

/**
 * Helmet's headers, rendered once: they depend on nothing in the request, so every reply gets the
 * same set without running Helmet's chain of middleware (and a setHeader per header) each time.
 * (The Fastify wrapper plugin rebuilt the middleware per request: a tenth of a cached view's CPU.)
 */
function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader: (name: string, value: string | number | string[]) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: () => undefined,
  };
  let rendered = false;
  helmet({ contentSecurityPolicy: { directives: contentSecurityPolicy() } })({} as IncomingMessage, collector as unknown as ServerResponse, () => {
    rendered = true;
  });
  if (!rendered) throw new Error('Helmet did not render its headers synchronously');
  return headers;
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
      // The build writes .br and .gz copies at their strongest levels; they are sent when accepted.
      preCompressed: true,
      // Built files carry a content hash in their name: they never change, so caches may keep them.
      setHeaders: (reply, path) => {
        if (/-[A-Za-z0-9_]{8,}\.(js|css)$/.test(path)) reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  fastify.get('/*', { config: {} }, (request, reply) => {
    if (request.url.startsWith(`/${API_PREFIX}/`) || request.url === `/${API_PREFIX}`) {
      return reply.code(404).send({ error: 'Not Found' });
    }
    if (!hasClient) {
      return reply.code(503).type('text/plain').send('The client is not built yet: run `npm run build:client` (npm start does it for you).');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
