import * as http from 'node:http';
import * as https from 'node:https';
import { OdooError } from './odoo-errors';
import { networkError } from './odoo-error-mapping';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

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
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 32 });

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
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** `fresh`: bypass the pool, so a reset is the server's answer and never a stale socket. */
  private attempt(request: HttpRequest, limits: ExchangeLimits, fresh = false): Promise<HttpResponse> {
    const url = new URL(request.url);
    const secure = url.protocol === 'https:';
    const transport = secure ? https : http;
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers['Content-Length'] = Buffer.byteLength(request.body, 'utf8');

    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      let receivedAnything = false;
      const req = transport.request(url, {
        method: request.method,
        headers,
        agent: fresh ? false : secure ? this.httpsAgent : this.httpAgent,
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
      const timer = setTimeout(
        () => finish(new OdooError('timeout', `Odoo did not answer within ${limits.timeoutMs} ms`)),
        limits.timeoutMs,
      );
      const onAbort = () => finish(new OdooError('timeout', 'Odoo call cancelled', { cause: limits.signal?.reason }));
      if (limits.signal?.aborted) return finish(new OdooError('timeout', 'Odoo call cancelled', { cause: limits.signal.reason }));
      limits.signal?.addEventListener('abort', onAbort, { once: true });

      req.on('error', (err: NodeJS.ErrnoException) => {
        const stale = !fresh && req.reusedSocket && !receivedAnything && err.code === 'ECONNRESET';
        finish(stale ? new StaleSocketError() : networkError(err));
      });
      req.on('response', (res) => {
        receivedAnything = true;
        this.collect(res, limits.maxResponseBytes, finish);
      });
      req.end(request.body);
    });
  }

  private collect(
    res: http.IncomingMessage,
    maxBytes: number,
    finish: (error: Error | null, response?: HttpResponse) => void,
  ): void {
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
