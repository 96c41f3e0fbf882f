/**
 * What stands in for each Secret value the backend sends to a user without
 * `wecs.secrets.read`: in a Secret's data, and wherever a Secret travels inside another object
 * (a ManifestWork's manifests, a last-applied annotation, a WorkStatus...). The keys stay, so
 * users see which values exist; a write whose body still holds it is refused.
 *
 * @public
 */
export const REDACTED_SECRET_VALUE = '<redacted>';
