import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import contractSchema from '../contracts/company-view.schema.json';

// The OpenAPI document: Nest's routes from their decorators, the company view contract from the
// JSON Schema generated out of the contract types, and Better Auth's few routes described by hand.

type Schema = Record<string, unknown>;
export const ERROR_BODY_REF = { $ref: '#/components/schemas/ApiErrorBody' };

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Company View API')
    .setDescription('Read-only dashboard over Odoo. Errors are always {"error": "..."}.')
    .setVersion('1')
    .addCookieAuth('better-auth.session_token', { type: 'apiKey', in: 'cookie', description: '__Secure- prefixed behind HTTPS' }, 'session')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components ??= {};
  document.components.schemas = {
    ...document.components.schemas,
    ...contractSchemas(),
    ApiErrorBody: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'], additionalProperties: false },
  };
  document.paths = { ...document.paths, ...authPaths() };
  return document;
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
        summary: 'Sign in with email and password (Better Auth); sets the session cookies',
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
        summary: 'Create an account (when sign-up is allowed)',
        requestBody: { required: true, content: { 'application/json': { schema: { ...credentials, properties: { ...credentials.properties, name: { type: 'string' } } } } } },
        responses: { 200: { description: 'Account created and signed in' }, 400: error('Refused (e.g. sign-up disabled, weak password)'), 422: error('Email already used') },
      },
    },
    '/api/auth/sign-out': {
      post: { tags: ['auth'], summary: 'End the session and clear its cookies', responses: { 200: { description: 'Signed out' } } },
    },
    '/api/auth/get-session': {
      get: { tags: ['auth'], summary: 'The current session and user, or null', responses: { 200: { description: 'Session or null' } } },
    },
    '/api/auth/change-password': {
      post: { tags: ['auth'], summary: "Change the signed-in user's password", responses: { 200: { description: 'Changed' }, 400: error('Refused') } },
    },
  };
}
