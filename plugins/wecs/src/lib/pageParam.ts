/** The page a `?page=` parameter names, counted from 0; 0 when it names none. */
export function pageParam(value: string | null): number {
  const page = Number(value ?? 0);
  return Number.isInteger(page) && page > 0 ? page : 0;
}
