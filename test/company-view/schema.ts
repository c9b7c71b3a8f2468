// Validates a GET /api/company-view body against the generated JSON Schema (shape, types, no
// extra keys) plus the rules a schema cannot say: date and id formats, flags present only when
// true, and a failed section being empty with null KPIs. Every company-view suite calls it.
import Ajv, { type SchemaObject } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompanyKpis, CompanyViewResponse, CompanyViewSectionKey } from '../../server/contracts/company-view';
import { SECTION_KEYS } from '../../server/contracts/sections';

const schema = JSON.parse(readFileSync(join(__dirname, '../../server/contracts/company-view.schema.json'), 'utf8')) as SchemaObject;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^\d+$/;
const KEYS = SECTION_KEYS;
const KPIS_OF: Record<CompanyViewSectionKey, Array<keyof CompanyKpis>> = {
  accounting: ['openInvoicesCount', 'overdueInvoicesCount'],
  crm: ['openLeadsCount'],
  projects: ['openTasksCount'],
  helpdesk: ['openTicketsCount'],
  inventory: ['lowStockItemsCount'],
};

export function assertCompanyViewResponse(body: unknown): asserts body is CompanyViewResponse {
  if (!validate(body)) {
    throw new Error(`company view response breaks the schema:\n${JSON.stringify(validate.errors, null, 2)}`);
  }
  const problems = contractProblems(body as CompanyViewResponse);
  if (problems.length) throw new Error(`company view response breaks the contract:\n- ${problems.join('\n- ')}`);
}

/** The one list of rows a section carries (recentInvoices, openLeads, ...). */
export function sectionRows(body: CompanyViewResponse, key: CompanyViewSectionKey): unknown[] {
  return Object.values(body.sections[key])[0] as unknown[];
}

/** Parses a stored or served company view body and checks it as above. */
export function parseCompanyView(text: string): CompanyViewResponse {
  const body: unknown = JSON.parse(text);
  assertCompanyViewResponse(body);
  return body;
}

function contractProblems(r: CompanyViewResponse): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  check(!Number.isNaN(Date.parse(r.refreshedAt)) && r.refreshedAt.endsWith('Z'), `refreshedAt is not ISO 8601 UTC: ${r.refreshedAt}`);
  check(Number.isInteger(r.recommendedPollIntervalMs) && r.recommendedPollIntervalMs > 0, 'recommendedPollIntervalMs is not a positive integer');
  check(r.meta !== undefined, 'meta is missing');
  for (const [name, value] of Object.entries(r.kpis)) {
    check(value === null || (Number.isInteger(value) && value >= 0), `kpis.${name} is not a count: ${value}`);
  }
  const s = r.sections;
  const rows = [...s.accounting.recentInvoices, ...s.crm.openLeads, ...s.projects.openTasks, ...s.helpdesk.openTickets, ...s.inventory.lowStockItems];
  for (const row of rows) {
    check(ID.test(row.id), `id is not an Odoo id string: ${row.id}`);
    check(row.odooUrl === null || isHttpUrl(row.odooUrl), `row ${row.id} has a bad odooUrl ${row.odooUrl}`);
  }
  for (const item of s.inventory.lowStockItems) check(ID.test(item.ruleId), `low-stock row has a bad ruleId ${item.ruleId}`);
  check(new Set(s.inventory.lowStockItems.map((i) => i.ruleId)).size === s.inventory.lowStockItems.length, 'low-stock ruleIds repeat');
  for (const [name, value] of Object.entries(r.kpis)) {
    const link = r.meta?.kpiLinks[name as keyof CompanyKpis];
    check(value === null ? link === null : typeof link === 'string' && isHttpUrl(link), `kpiLinks.${name} does not match its KPI: ${link}`);
  }
  for (const inv of s.accounting.recentInvoices) {
    for (const d of [inv.invoiceDate, inv.dueDate]) check(d === null || DATE.test(d), `invoice ${inv.id} has a bad date ${d}`);
  }
  for (const task of s.projects.openTasks) check(task.deadline === null || DATE.test(task.deadline), `task ${task.id} has a bad deadline ${task.deadline}`);
  problems.push(...moneyProblems(r));
  for (const key of KEYS) {
    const error = r.errorsBySection[key];
    check((error === undefined) === (r.meta?.errorKinds[key] === undefined), `${key}: errorsBySection and meta.errorKinds disagree`);
    if (!error) continue;
    check(error.isModuleMissing !== false && error.isAuthError !== false, `${key}: a flag is present but false`);
    check(sectionRows(r, key).length === 0, `${key} failed but has rows`);
    for (const kpi of KPIS_OF[key]) check(r.kpis[kpi] === null, `${key} failed but kpis.${kpi} is not null`);
  }
  return problems;
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Money follows the KPIs it belongs to, one entry per currency of the companies in scope. */
function moneyProblems(r: CompanyViewResponse): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const meta = r.meta!;
  const scope = meta.scope;
  check(
    scope.every((id, i) => i === 0 || scope[i - 1] < id),
    `meta.scope is not ascending: ${JSON.stringify(scope)}`,
  );
  const currencies = r.money.totals.map((t) => t.currency);
  check(
    currencies.every((c, i) => i === 0 || currencies[i - 1] < c),
    `money totals are not ordered by currency: ${JSON.stringify(currencies)}`,
  );
  if (currencies.length > 1) check(meta.companyCurrency === null, 'several currencies in scope but meta.companyCurrency is set');
  if (currencies.length === 1) check(meta.companyCurrency === currencies[0], 'one currency in scope but meta.companyCurrency does not name it');
  const failed = (key: 'accounting' | 'crm') => r.errorsBySection[key] !== undefined;
  for (const total of r.money.totals) {
    for (const id of total.companyIds) check(scope.includes(id), `money for ${total.currency} names company ${id} outside the scope`);
    for (const [field, key] of [
      ['openInvoicesAmount', 'accounting'],
      ['overdueInvoicesAmount', 'accounting'],
      ['pipelineAmount', 'crm'],
      ['weightedPipelineAmount', 'crm'],
    ] as const) {
      check(failed(key) === (total[field] === null), `money.${field} (${total.currency}) does not match the ${key} section's outcome`);
    }
  }
  const without = r.money.recordsWithoutCompany;
  check(failed('accounting') === (without.openInvoices === null), 'recordsWithoutCompany.openInvoices does not match the accounting outcome');
  check(failed('crm') === (without.openOpportunities === null), 'recordsWithoutCompany.openOpportunities does not match the CRM outcome');
  return problems;
}
