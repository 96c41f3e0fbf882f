import { useUrlParams } from './useUrlParams';

/** The page a `?page=` parameter names, counted from 0; 0 when it names none. */
export function pageParam(value: string | null): number {
  const page = Number(value ?? 0);
  return Number.isInteger(page) && page > 0 ? page : 0;
}

/**
 * The page of a list the backend pages, kept in the URL: `?page=` (from 0) and, when `sizes`
 * offers more than one, `?size=` (the first size unless another is named).
 */
export function useUrlPage(sizes: readonly number[]) {
  const [params] = useUrlParams();
  const page = pageParam(params.get('page'));
  const named = Number(params.get('size'));
  const pageSize = sizes.includes(named) ? named : sizes[0];
  return { page, pageSize, offset: page * pageSize, limit: pageSize };
}
