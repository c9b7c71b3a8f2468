// _search: the records of a model a call may see, filtered by the domain, active_test and the
// multi-company record rules, then ordered and paged.

import type { DemoRecord } from '../demo-odoo.types';
import { accessError, valueError } from '../python/odoo-exceptions';
import { pyRepr } from '../python/py-values';
import type { ModelDef } from '../schema/fields';
import type { OdooDatabase } from './database';
import { compileDomain, DomainOptions, withActiveTest } from './domain';
import { parseOrder, sortRecords } from './order';
import { companyRule } from './record-rules';

export interface CallEnv {
  db: OdooDatabase;
  uid: number;
  context: Record<string, unknown>;
}

export function domainOptions(env: CallEnv): DomainOptions {
  const tz = typeof env.context.tz === 'string' ? env.context.tz : env.db.credentials.tz;
  return { tz, context: env.context };
}

/** env.companies: an id outside the user's companies is refused. */
export function checkCompanies(env: CallEnv): void {
  const allowed = env.context.allowed_company_ids;
  if (allowed === undefined || allowed === null || allowed === false) return;
  const list = Array.isArray(allowed) ? allowed : [allowed];
  if (!list.every((id) => typeof id === 'number' && env.db.credentials.companyIds.includes(id))) {
    throw accessError('Access to unauthorized or invalid companies.');
  }
}

/** The records matching a domain that the call may see, in storage order. */
export function matchRecords(env: CallEnv, model: ModelDef, domainIn: unknown): DemoRecord[] {
  checkCompanies(env);
  const domain = domainIn === null || domainIn === false || domainIn === undefined ? [] : domainIn;
  if (!Array.isArray(domain)) throw valueError(`Invalid domain: ${pyRepr(domain)}`, 'domain');
  const withActive = withActiveTest(model, domain, env.context.active_test !== false);
  const pred = compileDomain(env.db, model, withActive, domainOptions(env));
  const rule = companyRule(env, model);
  return env.db.records(model.name).filter((rec) => pred(rec) && (rule === null || rule(rec)));
}

export function search(env: CallEnv, model: ModelDef, domainIn: unknown, a: { offset?: unknown; limit?: unknown; order?: unknown }): number[] {
  const matched = matchRecords(env, model, domainIn);
  const sorted = sortRecords(env.db, model, matched, parseOrder(env.db, model, a.order));
  const offset = typeof a.offset === 'number' && a.offset > 0 ? a.offset : 0;
  const limit = typeof a.limit === 'number' && a.limit > 0 ? a.limit : undefined;
  return sorted.slice(offset, limit === undefined ? undefined : offset + limit).map((r) => r.id);
}
