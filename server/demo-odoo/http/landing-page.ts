// The pages behind Odoo's deep links: /web (every version) and /odoo/... (18+: 17.0's web
// controller routes only /web, 18's home.py routes '/web', '/odoo' and '/odoo/<path:subpath>').
// Instead of the web client, the demo answers a small page naming what the link would open, so
// links built by a client lead somewhere a browser test can read.

import { createHash } from 'node:crypto';
import { HTML, Reply } from './replies';

export interface LinkTarget {
  model: string | null;
  recordId: string | null;
  action: string | null;
}

const MODEL = /^[a-z0-9_]+(\.[a-z0-9_]+)+$/;
const XMLID = /^([A-Za-z0-9_]+\.[A-Za-z0-9_]+|\d+)$/;
const RECORD_ID = /^(\d+|new)$/;

/** /odoo/<model>/<id>, /odoo/action-<xmlid>[/<id>]; anything else names nothing. */
export function parseOdooPath(path: string): LinkTarget {
  const target: LinkTarget = { model: null, recordId: null, action: null };
  const segments = path.split('/').slice(2).filter(Boolean).map(safeDecode);
  const [first, second] = segments;
  if (first?.startsWith('action-') && XMLID.test(first.slice(7))) target.action = first.slice(7);
  else if (first && MODEL.test(first)) target.model = first;
  else return target;
  if (second !== undefined && RECORD_ID.test(second)) target.recordId = second;
  return target;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}

/** The sentence the page shows; the inline script builds the same one from location.hash. */
export function describeTarget(t: LinkTarget): string {
  if (t.action && t.recordId) return `Odoo would open record ${t.recordId} in the action ${t.action}.`;
  if (t.action) return `Odoo would open the action ${t.action}.`;
  if (t.model && t.recordId) return `Odoo would open record ${t.recordId} of ${t.model}.`;
  if (t.model) return `Odoo would open the list of ${t.model}.`;
  return 'This link names no record or action.';
}

// Reads "#id=5&model=account.move&view_type=form" or "#action=..." and writes the same fields as
// the server does for /odoo links, as text only.
const HASH_SCRIPT = `(function () {
  function put(name, value) {
    var el = document.querySelector('[data-testid="' + name + '"]');
    if (el) el.textContent = value || '';
  }
  function describe(model, id, action) {
    if (action && id) return 'Odoo would open record ' + id + ' in the action ' + action + '.';
    if (action) return 'Odoo would open the action ' + action + '.';
    if (model && id) return 'Odoo would open record ' + id + ' of ' + model + '.';
    if (model) return 'Odoo would open the list of ' + model + '.';
    return 'This link names no record or action.';
  }
  function show() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    var model = params.get('model'), id = params.get('id'), action = params.get('action');
    put('odoo-model', model);
    put('odoo-record-id', id);
    put('odoo-action', action);
    put('odoo-target', describe(model, id, action));
  }
  show();
  window.addEventListener('hashchange', show);
})();`;

const SCRIPT_HASH = createHash('sha256').update(HASH_SCRIPT).digest('base64');

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The landing page: /web reads its target from the fragment, /odoo/... from the path. */
export function landingPage(kind: 'web' | 'odoo', target: LinkTarget, database: string | null): Reply {
  const field = (label: string, testid: string, value: string | null) =>
    `<p>${label}: <code data-testid="${testid}">${value === null ? '' : escapeHtml(value)}</code></p>`;
  const body = [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><title>Demo Odoo</title></head>',
    '<body>',
    '<h1>Demo Odoo</h1>',
    `<p data-testid="odoo-target">${escapeHtml(describeTarget(target))}</p>`,
    field('Database', 'odoo-database', database),
    field('Model', 'odoo-model', target.model),
    field('Record id', 'odoo-record-id', target.recordId),
    field('Action', 'odoo-action', target.action),
    '<p>This stand-in for Odoo shows what a link points at instead of opening it.</p>',
    kind === 'web' ? `<script>${HASH_SCRIPT}</script>` : '',
    '</body>',
    '</html>',
    '',
  ].join('\n');
  const scriptSrc = kind === 'web' ? `'sha256-${SCRIPT_HASH}'` : `'none'`;
  return {
    status: 200,
    contentType: HTML,
    body,
    headers: {
      'Content-Security-Policy': `default-src 'none'; script-src ${scriptSrc}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    },
  };
}
