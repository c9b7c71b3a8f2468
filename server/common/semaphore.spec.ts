import { Semaphore } from './semaphore';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Semaphore', () => {
  it('lets at most `limit` holders in, the others in the order they asked', async () => {
    const semaphore = new Semaphore(2);
    const entered: string[] = [];
    const first = await semaphore.acquire();
    const second = await semaphore.acquire();
    const third = semaphore.acquire().then((release) => (entered.push('third'), release));
    const fourth = semaphore.acquire().then((release) => (entered.push('fourth'), release));
    await settle();
    expect(entered).toEqual([]);

    first();
    first(); // a second call frees nothing more
    await settle();
    expect(entered).toEqual(['third']);
    (await third)();
    await settle();
    expect(entered).toEqual(['third', 'fourth']);

    second();
    (await fourth)();
    // All free again: two at once without waiting.
    const again = await Promise.all([semaphore.acquire(), semaphore.acquire()]);
    again.forEach((release) => release());
  });
});
