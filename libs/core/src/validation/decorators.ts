import { registerDecorator, ValidationOptions } from 'class-validator';
import { hasForbiddenText } from '../http/safe-json';

/** Plain text: no NUL, no unpaired surrogates (query strings bypass the body check). */
export function IsSafeText(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isSafeText',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must not contain NUL characters or unpaired surrogates`, ...options },
      validator: { validate: (v: unknown) => typeof v !== 'string' || !hasForbiddenText(v) },
    });
}

/** Minor units as a string of digits. */
export function IsMinorUnits(options?: ValidationOptions & { allowZero?: boolean }) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isMinorUnits',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a positive integer of minor units, as a string`, ...options },
      validator: {
        validate: (v: unknown) =>
          typeof v === 'string' && /^\d{1,18}$/.test(v) && (options?.allowZero || BigInt(v) > 0n),
      },
    });
}
