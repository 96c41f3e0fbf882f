import { LabelSelector } from '@kubestellar/plugin-wecs-common';

/** Whether a selector is a `metav1.LabelSelector`, rather than a Service's plain map. */
export const isLabelSelector = (selector: unknown): selector is LabelSelector =>
  typeof selector === 'object' &&
  selector !== null &&
  ('matchLabels' in selector || 'matchExpressions' in selector);

/**
 * The requirements of a selector as kubectl writes them, one per entry: `app=web`,
 * `tier in (front,back)`, `team`, `!legacy`; from a LabelSelector's `matchLabels` and
 * `matchExpressions`, or from a plain map of labels (a Service's). Empty for a selector that
 * selects everything.
 */
export function selectorTerms(
  selector: LabelSelector | Record<string, string> | undefined,
): string[] {
  if (!selector) return [];
  if (!isLabelSelector(selector)) {
    return Object.entries(selector).map(([key, value]) => `${key}=${value}`);
  }
  return [
    ...Object.entries(selector.matchLabels ?? {}).map(
      ([key, value]) => `${key}=${value}`,
    ),
    ...(selector.matchExpressions ?? []).map(({ key, operator, values }) => {
      switch (operator) {
        case 'Exists':
          return key;
        case 'DoesNotExist':
          return `!${key}`;
        default:
          return `${key} ${operator.toLowerCase()} (${(values ?? []).join(
            ',',
          )})`;
      }
    }),
  ];
}
