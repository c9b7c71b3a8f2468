import { HttpTestingController, TestRequest } from '@angular/common/http/testing';

/**
 * Waits (a few macrotasks at most) for a request that code behind an `await` is about to send,
 * then returns it. Fails when it never comes.
 */
export async function nextRequest(
  http: HttpTestingController,
  match: string | ((request: TestRequest['request']) => boolean),
): Promise<TestRequest> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const found = typeof match === 'string' ? http.match(match) : http.match(match);
    if (found.length > 0) {
      return found[0];
    }
    await new Promise((resolve) => setTimeout(resolve));
  }
  throw new Error(`No request matching ${typeof match === 'string' ? match : 'the predicate'} was sent`);
}

/**
 * Answers requests by URL, whatever order they come in (guards, lazy pages and stores ask in turn).
 * Each URL is answered once; fails when one of them is not asked for within two seconds.
 */
export async function answerAll(http: HttpTestingController, answers: Record<string, unknown>): Promise<void> {
  const left = new Map(Object.entries(answers));
  const deadline = Date.now() + 2000;
  while (left.size > 0) {
    // match() takes every request it returns off the list: answer them all.
    for (const request of http.match((r) => left.has(r.url))) {
      request.flush(left.get(request.request.url) as object | null);
      left.delete(request.request.url);
    }
    if (left.size > 0 && Date.now() > deadline) {
      throw new Error(`No request was sent to ${[...left.keys()].join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve));
  }
}
