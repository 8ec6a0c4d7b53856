import { utc } from '@date-fns/utc';
import { addBusinessDays, addDays, differenceInBusinessDays } from 'date-fns';

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
// `in: utc`: date-fns otherwise counts in the process's time zone, and only the tests pin TZ=UTC

/** Adds working days (Monday-Friday), UTC; from a Saturday or Sunday, Monday is the first. */
export function addWorkingDays(from: Date, days: number): Date {
  return new Date(addBusinessDays(from, days, { in: utc }).getTime());
}

/**
 * Working days among the whole days (24 h) elapsed between two instants, each day counted on the
 * date it ends (UTC): Friday 17:00 to Monday 09:00 is none, Saturday to Monday one.
 */
export function workingDaysBetween(from: Date, to: Date): number {
  const wholeDays = Math.floor((to.getTime() - from.getTime()) / DAY);
  if (wholeDays <= 0) return 0;
  // differenceInBusinessDays counts the dates from its earlier end, excluding the later one
  const firstEnd = addDays(from, 1, { in: utc });
  return differenceInBusinessDays(addDays(firstEnd, wholeDays, { in: utc }), firstEnd, { in: utc });
}
