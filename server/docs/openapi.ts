import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AuthService } from '../auth/auth.service';
import { listRoutes } from '../auth/route-table';
import contractSchema from '../contracts/company-view.schema.json';

// The OpenAPI document: Nest's routes from their decorators, the company view contract from the
// JSON Schema generated out of the contract types, and Better Auth's few routes described by hand.
// Every operation states its security: none for public ones, the session cookie for the rest.

type Schema = Record<string, unknown>;
type Operation = { security?: Array<Record<string, string[]>> };
export const ERROR_BODY_REF = { $ref: '#/components/schemas/ApiErrorBody' };
const SESSION_SCHEME = 'session';
const NEEDS_SESSION = [{ [SESSION_SCHEME]: [] }];
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const cookieName = app.get(AuthService).sessionCookieName;
  const config = new DocumentBuilder()
    .setTitle('Company View API')
    .setDescription(
      'Read-only dashboard over Odoo. Errors are {"error": "..."}, except the answers of Better Auth\'s own routes (/api/auth/*), which are {"code": "...", "message": "..."}.',
    )
    .setVersion('1')
    // Same origin as the document itself.
    .addServer('/')
    .addCookieAuth(
      cookieName,
      {
        type: 'apiKey',
        in: 'cookie',
        name: cookieName,
        description: 'The signed session token Better Auth sets at sign-in (httpOnly; `__Secure-` prefixed when served over HTTPS).',
      },
      SESSION_SCHEME,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // 3.1 takes JSON Schema as it is, so the contract's `type: [..., "null"]` needs no translating;
  // what the decorators wrote in 3.0 style (`nullable`) is.
  document.openapi = '3.1.0';
  toJsonSchemaNulls(document);
  stateSecurity(app, document);
  document.components ??= {};
  document.components.schemas = {
    ...document.components.schemas,
    ...contractSchemas(),
    ApiErrorBody: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'], additionalProperties: false },
  };
  document.paths = { ...document.paths, ...authPaths() };
  return document;
}

/** Public Nest routes need nothing (`security: []`); every other operation names the session cookie. */
function stateSecurity(app: INestApplication, document: OpenAPIObject): void {
  const publicOperations = new Set(
    listRoutes(app)
      .filter((route) => route.isPublic)
      .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`),
  );
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (operation) operation.security = publicOperations.has(`${method} ${path}`) ? [] : NEEDS_SESSION;
    }
  }
}

/** `{type: T, nullable: true}` (OpenAPI 3.0) becomes `{type: [T, "null"]}` (3.1, JSON Schema). */
function toJsonSchemaNulls(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) toJsonSchemaNulls(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Schema;
  if (schema.nullable === true && typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    delete schema.nullable;
  }
  for (const value of Object.values(schema)) toJsonSchemaNulls(value);
}

export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
}

/** The generated JSON Schema's definitions, with references rewritten to OpenAPI components. */
function contractSchemas(): Record<string, Schema> {
  const definitions = (contractSchema as { definitions: Record<string, Schema> }).definitions;
  return JSON.parse(JSON.stringify(definitions).replaceAll('#/definitions/', '#/components/schemas/')) as Record<string, Schema>;
}

function authPaths(): OpenAPIObject['paths'] {
  const credentials = { type: 'object', properties: { email: { type: 'string' }, password: { type: 'string' } }, required: ['email', 'password'] };
  const error = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
  return {
    '/api/auth/sign-in/email': {
      post: {
        tags: ['auth'],
        operationId: 'authSignInEmail',
        summary: 'Sign in with email and password (Better Auth); sets the session cookies',
        security: [],
        requestBody: { required: true, content: { 'application/json': { schema: credentials } } },
        responses: {
          200: { description: 'Signed in; Set-Cookie carries the session' },
          401: error('Wrong email or password'),
          429: { description: 'Too many failed sign-ins from this IP', content: { 'application/json': { schema: ERROR_BODY_REF } } },
        },
      },
    },
    '/api/auth/sign-up/email': {
      post: {
        tags: ['auth'],
        operationId: 'authSignUpEmail',
        summary: 'Create an account (when sign-up is allowed)',
        security: [],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { ...credentials, properties: { ...credentials.properties, name: { type: 'string' } } } } },
        },
        responses: {
          200: { description: 'Account created and signed in' },
          400: error('Refused (e.g. sign-up disabled, weak password)'),
          422: error('Email already used'),
        },
      },
    },
    '/api/auth/sign-out': {
      post: {
        tags: ['auth'],
        operationId: 'authSignOut',
        summary: 'End the session and clear its cookies',
        security: NEEDS_SESSION,
        responses: { 200: { description: 'Signed out' } },
      },
    },
    '/api/auth/get-session': {
      get: {
        tags: ['auth'],
        operationId: 'authGetSession',
        summary: 'The current session and user, or null (never the session token)',
        security: [],
        responses: { 200: { description: 'Session or null' } },
      },
    },
    '/api/auth/change-password': {
      post: {
        tags: ['auth'],
        operationId: 'authChangePassword',
        summary: "Change the signed-in user's password; `revokeOtherSessions: true` signs out every other device",
        security: NEEDS_SESSION,
        responses: { 200: { description: 'Changed' }, 400: error('Refused') },
      },
    },
    '/api/auth/list-sessions': {
      get: {
        tags: ['auth'],
        operationId: 'authListSessions',
        summary: "The user's sessions (Better Auth's view, without tokens); GET /api/sessions says which one is current",
        security: NEEDS_SESSION,
        responses: { 200: { description: 'Sessions' }, 401: error('No session') },
      },
    },
    '/api/auth/revoke-other-sessions': {
      post: {
        tags: ['auth'],
        operationId: 'authRevokeOtherSessions',
        summary: 'Sign out every other device',
        security: NEEDS_SESSION,
        responses: { 200: { description: 'Done' }, 401: error('No session') },
      },
    },
    '/api/auth/revoke-sessions': {
      post: {
        tags: ['auth'],
        operationId: 'authRevokeSessions',
        summary: 'Sign out every device, this one included',
        security: NEEDS_SESSION,
        responses: { 200: { description: 'Done' }, 401: error('No session') },
      },
    },
  };
}
