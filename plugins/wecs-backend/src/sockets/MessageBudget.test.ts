import { MessageBudget } from './MessageBudget';

describe('MessageBudget', () => {
  it('handles a burst, refuses past it, and closes a client that goes on after being told', () => {
    const now = 0;
    const budget = new MessageBudget(10, 3, () => now);
    const verdicts = Array.from({ length: 7 }, () => budget.take());
    expect(verdicts).toEqual([
      'handle',
      'handle',
      'handle',
      'refuse',
      'refuse',
      'refuse',
      'close',
    ]);
    expect(budget.refusal).toBe(
      'Too many messages: a socket may send 10 a second (3 at once); this one was dropped',
    );
    expect(Buffer.byteLength(budget.closing)).toBeLessThanOrEqual(123);
  });

  it('forgives refusals once the client slows down', () => {
    let now = 0;
    const budget = new MessageBudget(10, 2, () => now);
    budget.take();
    budget.take();
    expect(budget.take()).toBe('refuse');
    now = 1000;
    expect(budget.take()).toBe('handle');
    expect(budget.take()).toBe('handle');
    // The count of refusals starts over: two more are refused before the third closes.
    expect(budget.take()).toBe('refuse');
    expect(budget.take()).toBe('refuse');
    expect(budget.take()).toBe('close');
  });
});
