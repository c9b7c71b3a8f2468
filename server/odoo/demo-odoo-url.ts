/**
 * DI token: the URL of the demo Odoo this process started (demo mode), or null. Discovered at
 * run time, once the demo listens, so it is provided beside the configuration, not written into it.
 */
export const DEMO_ODOO_URL = Symbol('DEMO_ODOO_URL');
