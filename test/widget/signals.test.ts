import { describe, expect, it } from 'vitest';
import { effect, signal } from '../../widget/signals';

const tick = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('widget signals', () => {
  it('runs an effect at once and again, once, after the signals it read change', async () => {
    const a = signal(1);
    const b = signal('x');
    const seen: string[] = [];
    effect(() => void seen.push(`${a.value}${b.value}`));
    expect(seen).toEqual(['1x']);
    a.value = 2;
    b.value = 'y';
    a.value = 3;
    await tick();
    expect(seen).toEqual(['1x', '3y']);
  });

  it('follows only what the last run read, and not what was peeked', async () => {
    const on = signal(true);
    const left = signal(0);
    const right = signal(0);
    let runs = 0;
    effect(() => {
      runs++;
      void (on.value ? left.value : right.peek());
    });
    right.value = 1;
    await tick();
    expect(runs).toBe(1);
    on.value = false;
    await tick();
    expect(runs).toBe(2);
    left.value = 5;
    await tick();
    expect(runs).toBe(2);
  });

  it('ignores writes of the same value and stops after dispose', async () => {
    const s = signal({ n: 1 });
    let runs = 0;
    const stop = effect(() => void (runs++, s.value));
    s.value = s.peek();
    await tick();
    expect(runs).toBe(1);
    stop();
    s.value = { n: 2 };
    await tick();
    expect(runs).toBe(1);
  });

  it('lets an effect write a signal another effect reads', async () => {
    const source = signal(1);
    const doubled = signal(0);
    const seen: number[] = [];
    effect(() => void (doubled.value = source.value * 2));
    effect(() => void seen.push(doubled.value));
    source.value = 5;
    await tick();
    await tick();
    expect(seen).toEqual([2, 10]);
  });
});
