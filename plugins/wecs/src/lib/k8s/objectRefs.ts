import { SlimResource } from '@kubestellar/plugin-wecs-common';
import type { ObjectRef } from '../../api';

/** The reference the API client takes for an object of the fleet. */
export const objectRefOf = (resource: SlimResource): ObjectRef => ({
  cluster: resource.cluster,
  namespace: resource.namespace,
  kind: resource.kind,
  name: resource.name,
  uid: resource.uid,
  apiVersion: resource.apiVersion,
});

/** Where an object lives, as people say it: `cluster1/shop`. */
export const placeOf = (ref: ObjectRef) =>
  `${ref.cluster}${ref.namespace ? `/${ref.namespace}` : ''}`;
