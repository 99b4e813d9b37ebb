/** How far a due instant is from now, in whole days and hours of clock time. */
export interface TimeLeft {
  overdue: boolean;
  days: number;
  hours: number;
}

/** Time from `now` to `due` (or past it, with `overdue`), rounded down to the hour. */
export function timeLeft(due: string | Date, now: Date): TimeLeft {
  const ms = new Date(due).getTime() - now.getTime();
  const hoursTotal = Math.floor(Math.abs(ms) / 3_600_000);
  return { overdue: ms < 0, days: Math.floor(hoursTotal / 24), hours: hoursTotal % 24 };
}
