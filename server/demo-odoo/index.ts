// The demo Odoo server: a stand-in for Odoo 16-19 that speaks XML-RPC and JSON-2 like the real one.
export { startDemoOdoo, DEFAULT_DATABASES } from './http/demo-server';
export type * from './demo-odoo.types';
