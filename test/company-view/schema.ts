// Validates a GET /api/company-view body against the generated JSON Schema (shape, types, no
// extra keys) plus the rules a schema cannot say: date and id formats, flags present only when
// true, and a failed section being empty with null KPIs. Every company-view suite calls it.
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompanyKpis, CompanyViewResponse, CompanyViewSectionKey } from '../../server/contracts/company-view';

const schema = JSON.parse(readFileSync(join(__dirname, '../../server/contracts/company-view.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^\d+$/;
const KEYS: CompanyViewSectionKey[] = ['accounting', 'crm', 'projects', 'helpdesk', 'inventory'];
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
  const problems = contractProblems(body as unknown as CompanyViewResponse);
  if (problems.length) throw new Error(`company view response breaks the contract:\n- ${problems.join('\n- ')}`);
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
  for (const row of rows) check(ID.test(row.id), `id is not an Odoo id string: ${row.id}`);
  for (const inv of s.accounting.recentInvoices) {
    for (const d of [inv.invoiceDate, inv.dueDate]) check(d === null || DATE.test(d), `invoice ${inv.id} has a bad date ${d}`);
  }
  for (const task of s.projects.openTasks) check(task.deadline === null || DATE.test(task.deadline), `task ${task.id} has a bad deadline ${task.deadline}`);
  for (const key of KEYS) {
    const error = r.errorsBySection[key];
    check((error === undefined) === (r.meta?.errorKinds[key] === undefined), `${key}: errorsBySection and meta.errorKinds disagree`);
    if (!error) continue;
    check(error.isModuleMissing !== false && error.isAuthError !== false, `${key}: a flag is present but false`);
    check(Object.values(s[key])[0].length === 0, `${key} failed but has rows`);
    for (const kpi of KPIS_OF[key]) check(r.kpis[kpi] === null, `${key} failed but kpis.${kpi} is not null`);
  }
  return problems;
}
