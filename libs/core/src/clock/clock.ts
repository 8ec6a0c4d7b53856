/** Time source; tests freeze it. */
export class Clock {
  private frozen?: Date;
  now(): Date {
    return this.frozen ? new Date(this.frozen) : new Date();
  }
  freeze(at: Date): void {
    this.frozen = at;
  }
  unfreeze(): void {
    this.frozen = undefined;
  }
}

const DAY = 24 * 3600 * 1000;

/** Adds working days (Monday-Friday), UTC. */
export function addWorkingDays(from: Date, days: number): Date {
  const d = new Date(from);
  let left = days;
  while (left > 0) {
    d.setTime(d.getTime() + DAY);
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6) left--;
  }
  return d;
}

/** Working days strictly between two instants, counted by whole days (UTC). */
export function workingDaysBetween(from: Date, to: Date): number {
  if (to <= from) return 0;
  let n = 0;
  const d = new Date(from);
  while (d.getTime() + DAY <= to.getTime()) {
    d.setTime(d.getTime() + DAY);
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6) n++;
  }
  return n;
}
