// Plain HTTP answers shaped like werkzeug's, and a bounded request-body reader.

import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface Reply {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export const XML = 'text/xml; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';
export const HTML = 'text/html; charset=utf-8';

export function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const bytes = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': bytes.length, ...reply.headers });
  res.end(bytes);
}

function werkzeugPage(code: number, title: string, text: string): string {
  return `<!doctype html>\n<html lang=en>\n<title>${code} ${title}</title>\n<h1>${title}</h1>\n<p>${text}</p>\n`;
}

export const notFound = (): Reply => ({
  status: 404,
  contentType: HTML,
  body: werkzeugPage(
    404,
    'Not Found',
    'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
  ),
});

export const methodNotAllowed = (allow: string): Reply => ({
  status: 405,
  contentType: HTML,
  body: werkzeugPage(405, 'Method Not Allowed', 'The method is not allowed for the requested URL.'),
  headers: { Allow: allow },
});

export const tooLarge = (): Reply => ({
  status: 413,
  contentType: HTML,
  body: werkzeugPage(413, 'Request Entity Too Large', 'The data value transmitted exceeds the capacity limit.'),
  headers: { Connection: 'close' },
});

export const internalError = (): Reply => ({
  status: 500,
  contentType: HTML,
  body: werkzeugPage(
    500,
    'Internal Server Error',
    'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.',
  ),
});

/**
 * Reads the body up to `limit` bytes. Past it, answers 413 and closes the connection rather than
 * reading the rest; returns null in that case.
 */
export async function readBody(req: IncomingMessage, res: ServerResponse, limit = MAX_BODY_BYTES): Promise<string | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    refuseTooLarge(req, res);
    return null;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        refuseTooLarge(req, res);
        return null;
      }
      chunks.push(chunk as Buffer);
    }
  } catch {
    return null; // the client went away
  }
  return Buffer.concat(chunks).toString('utf8');
}

function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket;
  send(res, tooLarge());
  res.on('finish', () => socket.destroy());
}
