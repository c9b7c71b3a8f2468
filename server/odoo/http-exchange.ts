import * as http from 'node:http';
import * as https from 'node:https';
import { OdooError } from './odoo-errors';
import { networkError } from './odoo-error-mapping';
import { AddressRefusedError, assertHostAllowed, guardedLookup, type AddressRules } from './outbound-addresses';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Addresses its socket may reach; default: anything but link-local and metadata addresses. */
  addresses?: AddressRules;
}

const OPERATOR_RULES: AddressRules = { allowPrivate: true };
const STRICT_RULES: AddressRules = { allowPrivate: false };

export interface HttpResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

export interface ExchangeLimits {
  timeoutMs: number;
  maxResponseBytes: number;
  signal?: AbortSignal;
}

/**
 * One HTTP request/response with the guarantees the Odoo client needs and `xmlrpc` lacks: a deadline for
 * the whole exchange, the caller's AbortSignal, and a size cap. Whenever any of them fires, the request is
 * destroyed, which closes its socket instead of handing a half-read connection back to the keep-alive pool.
 */
export class HttpExchange {
  // One pool per address rule: a socket opened under looser rules is never handed to a stricter request.
  private readonly agents = new Map<boolean, { http: http.Agent; https: https.Agent }>(
    [true, false].map((allowPrivate) => [
      allowPrivate,
      {
        http: new http.Agent({ keepAlive: true, maxSockets: 32, lookup: guardedLookup(allowPrivate ? OPERATOR_RULES : STRICT_RULES) }),
        https: new https.Agent({ keepAlive: true, maxSockets: 32, lookup: guardedLookup(allowPrivate ? OPERATOR_RULES : STRICT_RULES) }),
      },
    ]),
  );

  async send(request: HttpRequest, limits: ExchangeLimits): Promise<HttpResponse> {
    try {
      return await this.attempt(request, limits);
    } catch (e) {
      // A pooled socket the server closed while idle fails on first use. Every request we send is a
      // read, so one retry on a fresh socket is safe.
      if (e instanceof StaleSocketError) return this.attempt(request, limits, true);
      throw e;
    }
  }

  /** Closes idle keep-alive sockets (module shutdown). */
  destroy(): void {
    for (const pair of this.agents.values()) {
      pair.http.destroy();
      pair.https.destroy();
    }
  }

  /** `fresh`: bypass the pool, so a reset is the server's answer and never a stale socket. */
  private attempt(request: HttpRequest, limits: ExchangeLimits, fresh = false): Promise<HttpResponse> {
    const url = new URL(request.url);
    const secure = url.protocol === 'https:';
    const transport = secure ? https : http;
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers['Content-Length'] = Buffer.byteLength(request.body, 'utf8');
    const rules = request.addresses ?? OPERATOR_RULES;
    try {
      assertHostAllowed(url.hostname, rules);
    } catch (e) {
      return Promise.reject(refused(e as AddressRefusedError));
    }
    const agents = this.agents.get(rules.allowPrivate)!;

    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      let receivedAnything = false;
      const req = transport.request(url, {
        method: request.method,
        headers,
        agent: fresh ? false : secure ? agents.https : agents.http,
        // Also on the pool's sockets (the agent's own lookup); here for the fresh, unpooled one.
        lookup: guardedLookup(rules),
      });

      const finish = (error: Error | null, response?: HttpResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        limits.signal?.removeEventListener('abort', onAbort);
        if (error) {
          req.destroy();
          reject(error);
        } else {
          resolve(response!);
        }
      };
      const timer = setTimeout(() => finish(new OdooError('timeout', `Odoo did not answer within ${limits.timeoutMs} ms`)), limits.timeoutMs);
      const onAbort = () => finish(new OdooError('timeout', 'Odoo call cancelled', { cause: limits.signal?.reason }));
      if (limits.signal?.aborted) return finish(new OdooError('timeout', 'Odoo call cancelled', { cause: limits.signal.reason }));
      limits.signal?.addEventListener('abort', onAbort, { once: true });

      req.on('error', (err: NodeJS.ErrnoException) => {
        const stale = !fresh && req.reusedSocket && !receivedAnything && err.code === 'ECONNRESET';
        if (err instanceof AddressRefusedError) return finish(refused(err));
        finish(stale ? new StaleSocketError() : networkError(err));
      });
      req.on('response', (res) => {
        receivedAnything = true;
        this.collect(res, limits.maxResponseBytes, finish);
      });
      req.end(request.body);
    });
  }

  private collect(res: http.IncomingMessage, maxBytes: number, finish: (error: Error | null, response?: HttpResponse) => void): void {
    const tooLarge = () => new OdooError('bad-response', `Odoo response too large (over ${maxBytes} bytes)`);
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) return finish(tooLarge());

    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy();
        return finish(tooLarge());
      }
      chunks.push(chunk);
    });
    res.on('error', (err: NodeJS.ErrnoException) => finish(networkError(err)));
    // The server closed the connection in the middle of the body.
    res.on('close', () => {
      if (!res.complete) finish(networkError(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
    });
    res.on('end', () =>
      finish(null, {
        status: res.statusCode ?? 0,
        contentType: String(res.headers['content-type'] ?? ''),
        body: Buffer.concat(chunks, size),
      }),
    );
  }
}

class StaleSocketError extends Error {}

function refused(error: AddressRefusedError): OdooError {
  return new OdooError('network', `Odoo URL refused: ${error.reason}`);
}
