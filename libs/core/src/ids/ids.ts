import { v7, validate, version } from 'uuid';

export const newId = (): string => v7();

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && validate(value) && version(value) <= 8;
}
