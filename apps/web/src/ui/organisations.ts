import { useQuery } from '@tanstack/react-query';
import * as api from '../api/endpoints';

/** Organisations by name (the public directory, fetched once), never by their ids: "…" until it arrives. */
export function useOrganisationName(): (id: string | null | undefined, short?: boolean) => string {
  const list = useQuery({ queryKey: ['organisations'], queryFn: () => api.organisations(), staleTime: 10 * 60_000 });
  const byId = new Map((list.data ?? []).map((o) => [o.id, o]));
  return (id, short = false) => {
    if (!id) return '—';
    const o = byId.get(id);
    if (!o) return '…';
    return short ? (o.acronym ?? o.name) : o.name;
  };
}
