export const DELIVERED_NOTE =
  'KubeStellar delivered this object from a WDS through a binding policy: the work agent puts back the WDS version, so change it in the WDS to make the change last.';

/** What marks an object KubeStellar delivered: the policies it came through. */
export function deliveryMarker(policies: string[]) {
  return {
    text: policies.length ? `via ${policies.join(', ')}` : 'delivered',
    title: policies.length
      ? `Delivered by KubeStellar through binding ${
          policies.length > 1 ? 'policies' : 'policy'
        } ${policies.join(', ')}`
      : 'Delivered by KubeStellar through a binding policy',
  };
}
