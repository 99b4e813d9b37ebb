/*
 * The widget's signals: the subset of @preact/signals-core it uses (`signal` with `.value` and
 * `.peek()`, `effect` with auto-tracking), in a few hundred bytes. The library costs 1.5 KB gzip
 * of the box's 22 KB budget; this does the same job here. Effects run in a microtask after the
 * writes that triggered them, so an action that sets several signals renders once.
 */

/** A running effect and the reader sets it is in. */
interface Job {
  run(): void;
  sources: Set<Set<Job>>;
}

/** A value that effects reading it follow. */
export interface Signal<T> {
  value: T;
  /** Read without subscribing. */
  peek(): T;
}

let active: Job | undefined;
let due: Set<Job> | undefined;

const unlink = (job: Job) => {
  for (const readers of job.sources) readers.delete(job);
  job.sources.clear();
};

const flush = () => {
  const jobs = due;
  due = undefined;
  for (const job of jobs ?? []) job.run();
};

/** A signal holding `value`. */
export function signal<T>(value: T): Signal<T> {
  const readers = new Set<Job>();
  return {
    get value() {
      if (active) {
        readers.add(active);
        active.sources.add(readers);
      }
      return value;
    },
    set value(next) {
      if (Object.is(next, value)) return;
      value = next;
      if (!due) queueMicrotask(flush);
      due ??= new Set();
      for (const job of readers) due.add(job);
    },
    peek: () => value,
  };
}

/** Run `fn` now and again whenever a signal it read changes; returns the function that stops it. */
export function effect(fn: () => void): () => void {
  const job: Job = {
    sources: new Set(),
    run() {
      unlink(job);
      const outer = active;
      active = job;
      try {
        fn();
      } finally {
        active = outer;
      }
    },
  };
  job.run();
  return () => {
    unlink(job);
    job.run = () => {};
  };
}
