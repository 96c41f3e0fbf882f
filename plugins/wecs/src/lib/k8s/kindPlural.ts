/** Kinds whose name is plural already (`kubectl api-resources` lists them unchanged). */
const ALREADY_PLURAL = /(Endpoints|Metrics)$/;

/**
 * A kind in the plural, as the guide names tree nodes ("Deployments", "Ingresses",
 * "NetworkPolicies", "StorageClasses", "Endpoints"): the English plural of the kind's last word,
 * which is what Kubernetes' plural resource names are for every built-in kind and what CRDs
 * follow by convention.
 */
export function pluralKind(kind: string): string {
  if (!kind || ALREADY_PLURAL.test(kind)) return kind;
  if (/(s|x|z|ch|sh)$/.test(kind)) return `${kind}es`;
  if (/[^aeiouAEIOU]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
  return `${kind}s`;
}
