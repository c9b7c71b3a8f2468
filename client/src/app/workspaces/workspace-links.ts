/** Where the workspace settings live, and the fragment of their Odoo connection section. */
export const WORKSPACE_SETTINGS_URL = '/settings/workspace';
export const CONNECTION_FRAGMENT = 'connection';
export const NEW_WORKSPACE_URL = '/workspaces/new';
