/**
 * Orders names as people read them (`pod-2` before `pod-10`): the collator the backend orders
 * the tree with, so that lists sorted here agree with it.
 */
export { compareNames } from '@kubestellar/plugin-wecs-common';
