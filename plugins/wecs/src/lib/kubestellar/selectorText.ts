import { LabelSelector } from '@kubestellar/plugin-wecs-common';

/** A label selector as kubectl writes one: `app=web,tier in (front,back),!legacy`. */
export function selectorText(selector: LabelSelector): string {
  const terms = [
    ...Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
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
  return terms.length ? terms.join(',') : 'everything';
}
