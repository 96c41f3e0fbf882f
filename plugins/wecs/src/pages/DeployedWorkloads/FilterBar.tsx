import { ClusterStatus, StatusPhase } from '@kubestellar/plugin-wecs-common';
import { Box, Button, TextField } from '@material-ui/core';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { UrlFilters } from './useUrlFilters';

const PHASES: StatusPhase[] = [
  'running',
  'pending',
  'failed',
  'succeeded',
  'unknown',
];

const sortedKeys = (maps: Array<Record<string, number>>) =>
  [...new Set(maps.flatMap(map => Object.keys(map)))]
    .filter(Boolean)
    .sort((a, b) => a.localeCompare(b));

function MultiSelect({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: string[];
  value: string[];
  onChange: (value: string[]) => void;
}) {
  return (
    <Box mr={2} mb={1} minWidth={200}>
      <Autocomplete
        multiple
        size="small"
        options={options}
        value={value}
        filterSelectedOptions
        onChange={(_, next) => onChange(next)}
        renderInput={params => (
          <TextField {...params} variant="outlined" label={label} />
        )}
      />
    </Box>
  );
}

/**
 * Filters by cluster, namespace, kind and status, offering what the clusters hold (from their
 * counts, so options stay whatever the current filter shows), and a way to clear them all.
 */
export const FilterBar = ({
  clusters,
  filters,
  onChange,
}: {
  clusters: ClusterStatus[];
  filters: UrlFilters;
  onChange: (filters: UrlFilters) => void;
}) => {
  const active = Object.values(filters).some(values => values.length > 0);
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center">
      <MultiSelect
        label="Cluster"
        options={clusters.map(c => c.name)}
        value={filters.clusters}
        onChange={values => onChange({ ...filters, clusters: values })}
      />
      <MultiSelect
        label="Namespace"
        options={sortedKeys(clusters.map(c => c.counts.byNamespace))}
        value={filters.namespaces}
        onChange={values => onChange({ ...filters, namespaces: values })}
      />
      <MultiSelect
        label="Kind"
        options={sortedKeys(clusters.map(c => c.counts.byKind))}
        value={filters.kinds}
        onChange={values => onChange({ ...filters, kinds: values })}
      />
      <MultiSelect
        label="Status"
        options={PHASES}
        value={filters.phases}
        onChange={values =>
          onChange({ ...filters, phases: values as StatusPhase[] })
        }
      />
      <Box mb={1}>
        <Button
          size="small"
          disabled={!active}
          onClick={() =>
            onChange({ clusters: [], namespaces: [], kinds: [], phases: [] })
          }
        >
          Clear all
        </Button>
      </Box>
    </Box>
  );
};
