/** One periodic chore: a name for the log and the work, given the current time. */
export interface Chore {
  name: string;
  run(now: Date): Promise<unknown>;
}

/**
 * Run chores (sweeps of expired rows) every `intervalMs`, first once soon after start. A chore
 * that fails is logged by name and tried again next time; one still running is not started again.
 */
export function startHousekeeping(
  chores: readonly Chore[],
  options: { intervalMs?: number; now: () => Date; log: (message: string, error?: unknown) => void },
) {
  const intervalMs = options.intervalMs ?? 15 * 60_000;
  if (!(intervalMs >= 1000)) throw new Error('startHousekeeping: intervalMs must be at least 1000');
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const chore of chores) {
        try {
          await chore.run(options.now());
        } catch (error) {
          options.log(`housekeeping: ${chore.name} failed`, error);
        }
      }
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), 10_000);
  const timer = setInterval(() => void tick(), intervalMs);
  first.unref();
  timer.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
