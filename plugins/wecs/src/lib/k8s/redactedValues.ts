import { REDACTED_SECRET_VALUE } from '@kubestellar/plugin-wecs-common';

/**
 * Whether the backend hid Secret values in `object` (the user lacks `wecs.secrets.read`):
 * views that compare objects must not claim that hidden values are equal.
 */
export function holdsRedactedValues(object: unknown): boolean {
  return JSON.stringify(object ?? null).includes(REDACTED_SECRET_VALUE);
}
