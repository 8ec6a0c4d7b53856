import type { PersonalDataKind } from './personal-data.detector';

const MASK = '•';

/**
 * The matched text with enough hidden that it identifies nobody, and enough kept that a reviewer
 * finds it in the text: an e-mail keeps its first letter and its domain, a number its last two
 * digits, a name its initials, a date its separators.
 */
export function mask(kind: PersonalDataKind, value: string): string {
  switch (kind) {
    case 'email': {
      const at = value.indexOf('@');
      return `${value[0]}${MASK.repeat(Math.max(1, at - 1))}${value.slice(at)}`;
    }
    case 'name_with_identifier':
      return value.replace(
        /(\p{L})([\p{L}'’-]*)/gu,
        (_m, first: string, rest: string) => first + MASK.repeat(rest.length),
      );
    case 'date_of_birth':
      return value.replace(/[\p{L}\p{N}]/gu, MASK);
    default: {
      let kept = 0;
      const chars = [...value];
      for (let i = chars.length - 1; i >= 0; i--) {
        if (!/[\p{L}\p{N}]/u.test(chars[i])) continue;
        if (kept < 2) kept++;
        else chars[i] = MASK;
      }
      return chars.join('');
    }
  }
}
