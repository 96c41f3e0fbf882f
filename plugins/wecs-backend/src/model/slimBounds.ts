import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { DEFAULT_LIMITS, WecsLimits } from './limits';

/** The limits of what one slim object carries. */
export type SlimBounds = Pick<
  WecsLimits,
  'slimLabels' | 'slimAnnotations' | 'slimValueLength' | 'slimListItems'
>;

type Omitted = NonNullable<SlimResource['omitted']>;

/**
 * Caps what a slim object carries, so that every object costs a bounded amount in the store
 * and in every snapshot and window it is sent in, whatever a cluster holds (a ConfigMap of
 * 20,000 keys, an object with thousands of labels): at most `slimLabels` labels and
 * `slimAnnotations` annotations, none whose value is longer than `slimValueLength`, and at most
 * `slimListItems` owners, data keys, images and containers. What was left out is counted in
 * `omitted`, for the page to say so; the full object has it all.
 */
export function boundSlimResource(
  slim: SlimResource,
  bounds: SlimBounds = DEFAULT_LIMITS,
): SlimResource {
  const omitted: Omitted = {};
  const map = (
    field: 'labels' | 'annotations',
    values: Record<string, string> | undefined,
    max: number,
  ) => {
    if (!values) return undefined;
    const entries = Object.entries(values);
    const kept = entries
      .filter(
        ([key, value]) =>
          key.length <= bounds.slimValueLength &&
          value.length <= bounds.slimValueLength,
      )
      .slice(0, max);
    if (kept.length < entries.length)
      omitted[field] = entries.length - kept.length;
    return kept.length ? Object.fromEntries(kept) : undefined;
  };
  const list = <T>(
    field: 'owners' | 'dataKeys' | 'images' | 'containers',
    values: T[] | undefined,
  ) => {
    if (!values || values.length <= bounds.slimListItems) return values;
    omitted[field] = values.length - bounds.slimListItems;
    return values.slice(0, bounds.slimListItems);
  };
  const labels = map('labels', slim.labels, bounds.slimLabels);
  const annotations = map(
    'annotations',
    slim.annotations,
    bounds.slimAnnotations,
  );
  const owners = list('owners', slim.owners);
  const summary = slim.summary && {
    ...slim.summary,
    ...(slim.summary.dataKeys
      ? { dataKeys: list('dataKeys', slim.summary.dataKeys) }
      : {}),
    ...(slim.summary.images
      ? { images: list('images', slim.summary.images) }
      : {}),
    ...(slim.summary.containers
      ? { containers: list('containers', slim.summary.containers) }
      : {}),
  };
  if (Object.keys(omitted).length === 0) return slim;
  const { labels: _l, annotations: _a, owners: _o, ...rest } = slim;
  return {
    ...rest,
    ...(labels ? { labels } : {}),
    ...(annotations ? { annotations } : {}),
    ...(owners?.length ? { owners } : {}),
    ...(summary ? { summary } : {}),
    omitted,
  };
}
