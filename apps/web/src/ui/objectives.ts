import { useQuery } from '@tanstack/react-query';
import * as api from '../api/endpoints';
import { useT } from '../i18n/i18n';

/**
 * GCM objectives by their titles ("5. Enhance availability and flexibility of pathways for regular
 * migration"), from the reference data (fetched once, kept); "Objective 5" until it has arrived.
 */
export function useObjectiveTitle(): (n: number | string) => string {
  const t = useT();
  const objectives = useQuery({ queryKey: ['objectives'], queryFn: api.objectives, staleTime: Infinity });
  const titles = new Map((objectives.data ?? []).map((o) => [o.number, o.title]));
  return (n) => {
    const title = titles.get(Number(n));
    return title ? `${n}. ${title}` : t('objective.short', { number: n });
  };
}

/** GCM actions by their text ("1.c: Develop and implement national data strategies…"); the code until loaded. */
export function useActionTitle(): (code: string) => string {
  const objectives = useQuery({ queryKey: ['objectives'], queryFn: api.objectives, staleTime: Infinity });
  const texts = new Map((objectives.data ?? []).flatMap((o) => o.actions.map((a) => [a.code, a.text] as const)));
  return (code) => {
    const text = texts.get(code);
    return text ? `${code}: ${text}` : code;
  };
}
