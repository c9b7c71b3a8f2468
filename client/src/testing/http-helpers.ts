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
      return found[0]!;
    }
    await new Promise((resolve) => setTimeout(resolve));
  }
  throw new Error(`No request matching ${typeof match === 'string' ? match : 'the predicate'} was sent`);
}
