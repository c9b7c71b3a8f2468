import { Observable } from 'rxjs';

/**
 * Runs `work` when subscribed and emits its result. Unsubscribing before it settles (a timeout,
 * the total budget) aborts the signal handed to `work`, so its Odoo calls close their sockets
 * instead of running on unobserved.
 */
export function abortable<T>(work: (signal: AbortSignal) => Promise<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    const controller = new AbortController();
    let settled = false;
    new Promise<T>((resolve) => resolve(work(controller.signal))).then(
      (value) => {
        settled = true;
        subscriber.next(value);
        subscriber.complete();
      },
      (err: unknown) => {
        settled = true;
        subscriber.error(err);
      },
    );
    return () => {
      if (!settled) controller.abort(new Error('abandoned by the company view aggregator'));
    };
  });
}
