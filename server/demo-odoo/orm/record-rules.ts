// The multi-company record rules every version ships (ir.rule records of base, crm, project,
// helpdesk, stock...): a record of a company outside env.companies is invisible, a record without
// a company is visible everywhere. Searches leave hidden records out; an explicit read of one is
// refused with the version's AccessError text.

import type { DemoRecord } from '../demo-odoo.types';
import { accessError, PyException } from '../python/odoo-exceptions';
import type { ModelDef } from '../schema/fields';
import { contextCompanies } from '../schema/stock-quantities';
import type { CallEnv } from './search';

type Rule = (rec: DemoRecord) => boolean;

/**
 * The rule of a model in the call's companies, or null when the model has none:
 * - res.company: `[('id', 'in', company_ids)]` (base_security.xml, res_company_rule_employee);
 * - res.users: `['|', ('share', '=', False), ('company_ids', 'in', company_ids)]`;
 * - any model with a company_id: `[('company_id', 'in', company_ids + [False])]`, the shape of
 *   the crm, project, helpdesk and stock rules (models whose company is required simply never
 *   have a record without one).
 */
export function companyRule(env: CallEnv, model: ModelDef): Rule | null {
  const companies = new Set(contextCompanies(env.db, env.context));
  if (model.name === 'res.company') return (rec) => companies.has(rec.id);
  if (model.name === 'res.users') {
    return (rec) => {
      const ids = env.db.value(model.name, rec, 'company_ids') as number[] | null;
      return env.db.value(model.name, rec, 'share') !== true || (ids ?? []).some((id) => companies.has(id));
    };
  }
  if (!model.fields.has('company_id')) return null;
  return (rec) => {
    const company = env.db.value(model.name, rec, 'company_id');
    return typeof company !== 'number' || companies.has(company);
  };
}

/** Whether the rule's domain names company_id, which is what makes Odoo add its multi-company hints. */
function companyRelated(model: ModelDef): boolean {
  return model.name !== 'res.company' && model.name !== 'res.users';
}

/**
 * ir.rule _make_access_error for a read, as a user outside base.group_no_one sees it: 16 names the
 * model; 17+ name the user and the model; 18+ add a hint about the company of the records
 * (_get_redirect_suggested_company) and, when the user may switch to it, put it in the
 * exception's context.
 */
export function readAccessError(env: CallEnv, model: ModelDef, forbidden: DemoRecord[]): PyException {
  const { db } = env;
  if (db.version === 16) {
    return accessError(
      `Due to security restrictions, you are not allowed to access '${model.description}' (${model.name}) records.\n\n` +
        'Contact your administrator to request access if necessary.',
    );
  }
  const user = `${db.displayName('res.users', env.uid)} (id=${env.uid})`;
  const head = `Uh-oh! Looks like you have stumbled upon some top-secret records.\n\nSorry, ${user} doesn't have 'read' access to:`;
  let resolution = 'If you really, really need access, perhaps you can win over your friendly administrator with a batch of freshly baked cookies.';
  let context: Record<string, unknown> | undefined;
  if (db.version >= 18 && companyRelated(model)) {
    const suggested = [
      ...new Set(
        forbidden
          .slice(0, 6)
          .map((rec) => db.value(model.name, rec, 'company_id'))
          .filter((c) => typeof c === 'number'),
      ),
    ];
    if (suggested.length > 1) {
      resolution += '\n\nNote: this might be a multi-company issue. Switching company may help - in Odoo, not in real life!';
    } else if (suggested.length === 1 && db.userCompanyIds.includes(suggested[0])) {
      const name = db.displayName('res.company', suggested[0]);
      context = { suggested_company: { id: suggested[0], display_name: name } };
      resolution += `\n\nThis seems to be a multi-company issue, you might be able to access the record by switching to the company: ${name}.`;
    } else if (suggested.length === 1) {
      resolution += '\n\nThis seems to be a multi-company issue, but you do not have access to the proper company to access the record anyhow.';
    }
  }
  const error = accessError(`${head}\n- ${model.description} (${model.name})\n\n${resolution}`);
  if (context) error.context = context;
  return error;
}
