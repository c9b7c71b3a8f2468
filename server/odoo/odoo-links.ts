// Links into a tenant's Odoo web client. Odoo 16 and 17 route with a URL fragment
// (/web#id=..&model=..); 18 replaced it with paths (/odoo/<model>/<id>, /odoo/action-<xmlid>),
// see web/static/src/core/browser/router.js of each version.

/** Builds record and list links for one Odoo, in the URL form its major version understands. */
export class OdooLinks {
  private readonly usesPaths: boolean;

  constructor(
    private readonly base: string,
    major: number,
  ) {
    this.usesPaths = major >= 18;
  }

  /** The form view of one record. */
  record(model: string, id: number): string {
    return this.usesPaths ? `${this.base}/odoo/${model}/${id}` : `${this.base}/web#id=${id}&model=${model}&view_type=form`;
  }

  /** The view a window action opens (its default filters apply; search filters cannot be carried). */
  action(xmlid: string): string {
    return this.usesPaths ? `${this.base}/odoo/action-${xmlid}` : `${this.base}/web#action=${xmlid}`;
  }

  /** `record` for an id read from Odoo, null when it is not a positive integer. */
  recordOrNull(model: string, id: number | null | undefined): string | null {
    return typeof id === 'number' && Number.isInteger(id) && id > 0 ? this.record(model, id) : null;
  }
}

export class PublicUrlError extends Error {}

/**
 * The address users open Odoo at: http(s) only, without credentials, query, fragment or a
 * trailing slash. A path is kept (Odoo may be served under a prefix).
 */
export function publicOdooUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new PublicUrlError('must be an http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PublicUrlError('must be an http(s) URL');
  if (url.username || url.password) throw new PublicUrlError('must not contain credentials');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The public address implied by a connection URL: the same, minus anything users must not see. */
export function defaultPublicUrl(connectionUrl: string): string {
  const url = new URL(connectionUrl);
  url.username = '';
  url.password = '';
  return publicOdooUrl(url.toString());
}
