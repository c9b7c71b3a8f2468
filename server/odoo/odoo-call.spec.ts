import { assertReadOnly } from './odoo-call';
import { READ_ONLY_METHODS } from './odoo-client';
import { OdooError } from './odoo-errors';

describe('assertReadOnly', () => {
  it('accepts every read method', () => {
    for (const method of READ_ONLY_METHODS) expect(() => assertReadOnly(method)).not.toThrow();
  });

  it.each(['write', 'create', 'unlink', 'action_post', 'copy', 'message_post', 'name_create', 'SEARCH_READ', 'search_read '])('refuses %j', (method) => {
    expect(() => assertReadOnly(method)).toThrow(OdooError);
  });
});
