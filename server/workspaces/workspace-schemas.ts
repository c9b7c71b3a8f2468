import { arrayOf, bool, int, nullableStr, obj, role, str } from '../docs/schemas';

// OpenAPI descriptions of the workspace routes' bodies (the TypeScript contract is server/contracts/workspaces.ts).

const lastCheck = { ...obj({ at: str({ format: 'date-time' }), ok: bool, summary: str() }), nullable: true };

export const WORKSPACE_ODOO_SCHEMA = obj({
  url: nullableStr(),
  publicUrl: nullableStr(),
  database: nullableStr(),
  login: nullableStr(),
  transport: str({ enum: ['auto', 'xmlrpc', 'json2'] }),
  companyIds: { type: 'array', items: int, nullable: true },
  hasSecret: bool,
  lastCheck,
  source: str({ enum: ['workspace', 'server', 'none'] }),
});

export const WORKSPACE_SCHEMA = obj({
  tenantId: str({ format: 'uuid' }),
  name: str(),
  isActive: bool,
  timeZone: str(),
  lang: str(),
  myRole: role,
  odoo: { ...WORKSPACE_ODOO_SCHEMA, nullable: true },
});

export const CREATE_WORKSPACE_BODY = obj({ name: str(), timeZone: str(), lang: str() }, ['timeZone', 'lang']);
export const CREATED_WORKSPACE_SCHEMA = obj({ tenantId: str({ format: 'uuid' }), name: str(), myRole: role });
export const UPDATE_WORKSPACE_BODY = obj({ name: str(), timeZone: str(), lang: str() }, ['name', 'timeZone', 'lang']);

export const CONNECTION_BODY = obj(
  {
    url: str(),
    database: str(),
    login: str(),
    secret: str({ description: 'Write-only; omitted keeps the stored one (same Odoo server only)' }),
    transport: str({ enum: ['auto', 'xmlrpc', 'json2'] }),
    publicUrl: nullableStr(),
    companyIds: { type: 'array', items: int, nullable: true },
  },
  ['secret', 'transport', 'publicUrl', 'companyIds'],
);

export const CHECK_SCHEMA = obj({
  tenantId: str({ format: 'uuid' }),
  name: str(),
  verdict: str({ enum: ['ok', 'degraded', 'failed'] }),
  url: str(),
  database: str(),
  login: str(),
  version: {
    ...obj({ serverVersion: str(), serverSerie: str(), major: int, minor: int, edition: str({ enum: ['community', 'enterprise', 'unknown'] }) }),
    nullable: true,
  },
  transport: nullableStr({ description: 'xmlrpc or json2; null when not reached' }),
  models: arrayOf(
    obj({
      model: str(),
      app: str(),
      available: { type: 'boolean', nullable: true },
      count: { type: 'integer', nullable: true },
      latencyMs: { type: 'integer', nullable: true },
    }),
  ),
  problems: arrayOf(obj({ code: str(), severity: str({ enum: ['error', 'warning'] }), model: str(), message: str(), hint: str() }, ['model'])),
});

export const MEMBER_SCHEMA = obj({ userId: str(), email: str(), name: str(), role, joinedAt: str({ format: 'date-time' }) });
export const CHANGE_ROLE_BODY = obj({ role });
