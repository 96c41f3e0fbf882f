export { FilterBar } from './FilterBar';
export { toFleetFilters, useUrlFilters } from './useUrlFilters';
export type { UrlFilters } from './useUrlFilters';
