import { LabelSelector } from '@kubestellar/plugin-wecs-common';
import { selectorTerms } from '../k8s/labelSelector';

/** A label selector as kubectl writes one: `app=web,tier in (front,back),!legacy`. */
export function selectorText(selector: LabelSelector): string {
  const terms = selectorTerms(selector);
  return terms.length ? terms.join(',') : 'everything';
}
