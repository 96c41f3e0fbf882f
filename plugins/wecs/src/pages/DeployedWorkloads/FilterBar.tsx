import {
  ClusterStatus,
  compareNames,
  StatusPhase,
} from '@kubestellar/plugin-wecs-common';
import { Box, Button, TextField } from '@material-ui/core';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { memo } from 'react';
import { ChoiceField } from '../../components/Filters';
import { PHASE_LABELS } from '../../lib/phaseLabels';
import { hasFilters, NO_FILTERS, UrlFilters } from './useUrlFilters';

const PHASES: StatusPhase[] = [
  'running',
  'pending',
  'failed',
  'succeeded',
  'unknown',
];

const sorted = (values: Iterable<string>) =>
  [...new Set(values)].filter(Boolean).sort(compareNames);

/** What each filter offers. */
export interface FilterOptions {
  clusters: string[];
  namespaces: string[];
  kinds: string[];
  policies: string[];
}

/** The binding-policy filter's choice for what any policy delivered. */
export const ANY_POLICY = 'Any binding policy';

/**
 * The filters' options: the clusters `GET /clusters` lists and any other the page shows or
 * filters by, the namespaces and kinds those clusters hold (from their counts, so that the
 * options stay whatever the filters show), and the WDSs' binding policies.
 */
export function filterOptions(
  listed: ClusterStatus[],
  shown: string[],
  filters: UrlFilters,
  policies: string[] = [],
): FilterOptions {
  return {
    clusters: sorted([
      ...listed.map(c => c.name),
      ...shown,
      ...filters.clusters,
    ]),
    namespaces: sorted([
      ...listed.flatMap(c => Object.keys(c.counts.byNamespace)),
      ...filters.namespaces,
    ]),
    kinds: sorted([
      ...listed.flatMap(c => Object.keys(c.counts.byKind)),
      ...filters.kinds,
    ]),
    policies: sorted([...policies, ...filters.policies]),
  };
}

function MultiSelect({
  label,
  options,
  value,
  onChange,
  optionLabel,
}: {
  label: string;
  options: string[];
  value: string[];
  onChange: (value: string[]) => void;
  /** How an option reads, when not as its value. */
  optionLabel?: (option: string) => string;
}) {
  return (
    <Box mr={2} mb={1} minWidth={200}>
      <Autocomplete
        multiple
        size="small"
        options={options}
        value={value}
        filterSelectedOptions
        {...(optionLabel ? { getOptionLabel: optionLabel } : {})}
        onChange={(_, next) => onChange(next)}
        renderInput={params => (
          <TextField {...params} variant="outlined" label={label} />
        )}
      />
    </Box>
  );
}

/**
 * Filters by cluster, namespace, kind, status and the binding policy that delivered an object,
 * offering what the clusters hold, and Clear
 * All, which resets the view: the filters, or through `onClearAll` everything the page shows
 * besides (its search, its selection; `clearsMore` says there is some). `onFocus` lets the page
 * bring the options up to date as the user turns to it.
 * Memoized: the page re-renders as its tree scrolls, the filters need not.
 */
export const FilterBar = memo(function FilterBarFields({
  options,
  filters,
  onChange,
  onClearAll,
  clearsMore = false,
  onFocus,
}: {
  options: FilterOptions;
  filters: UrlFilters;
  onChange: (filters: UrlFilters) => void;
  onClearAll?: () => void;
  clearsMore?: boolean;
  onFocus?: () => void;
}) {
  const active = clearsMore || hasFilters(filters);
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" onFocus={onFocus}>
      <MultiSelect
        label="Cluster"
        options={options.clusters}
        value={filters.clusters}
        onChange={values => onChange({ ...filters, clusters: values })}
      />
      <MultiSelect
        label="Namespace"
        options={options.namespaces}
        value={filters.namespaces}
        onChange={values => onChange({ ...filters, namespaces: values })}
      />
      <MultiSelect
        label="Kind"
        options={options.kinds}
        value={filters.kinds}
        onChange={values => onChange({ ...filters, kinds: values })}
      />
      <MultiSelect
        label="Status"
        options={PHASES}
        optionLabel={phase => PHASE_LABELS[phase as StatusPhase]}
        value={filters.phases}
        onChange={values =>
          onChange({ ...filters, phases: values as StatusPhase[] })
        }
      />
      <Box mr={2} mb={1}>
        <ChoiceField
          label="Binding policy"
          allLabel="All objects"
          value={
            filters.policies[0] ?? (filters.delivered ? ANY_POLICY : undefined)
          }
          options={[ANY_POLICY]}
          more={{ heading: 'Delivered through', options: options.policies }}
          onChange={choice =>
            onChange({
              ...filters,
              delivered: choice === ANY_POLICY,
              policies: choice && choice !== ANY_POLICY ? [choice] : [],
            })
          }
          minWidth={200}
        />
      </Box>
      <Box mb={1}>
        <Button
          size="small"
          disabled={!active}
          onClick={onClearAll ?? (() => onChange(NO_FILTERS))}
        >
          Clear All
        </Button>
      </Box>
    </Box>
  );
});
