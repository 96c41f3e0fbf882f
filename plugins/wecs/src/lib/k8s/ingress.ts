import { Facts } from './facts';

/** Where an Ingress path leads: `storefront:80`, or a resource backend's kind and name. */
function backendText(backend: any): string {
  if (backend?.service) {
    const port = backend.service.port ?? {};
    return `${backend.service.name}:${port.number ?? port.name ?? '?'}`;
  }
  if (backend?.resource) {
    return `${backend.resource.kind} ${backend.resource.name}`;
  }
  return 'no backend';
}

/** Each rule's paths, one entry per path: `shop.example.com/ (Prefix) → storefront:80`. */
function ruleTexts(rule: any): string[] {
  const host = rule.host ?? '*';
  const paths: any[] = rule.http?.paths ?? [];
  if (!paths.length) return [`${host} (no paths)`];
  return paths.map(
    path =>
      `${host}${path.path ?? '/'}${
        path.pathType ? ` (${path.pathType})` : ''
      } → ${backendText(path.backend)}`,
  );
}

/**
 * What an Ingress routes: its class, each host and path to its backend, the hosts it serves
 * over TLS (with the Secret of their certificate), and the addresses it is reached at.
 */
export function ingressFacts(ingress: any): Facts {
  const spec = ingress.spec ?? {};
  const facts: Facts = {};
  const ingressClass =
    spec.ingressClassName ??
    ingress.metadata?.annotations?.['kubernetes.io/ingress.class'];
  if (ingressClass) facts.class = ingressClass;
  const rules: any[] = spec.rules ?? [];
  facts.rules = rules.length ? rules.flatMap(ruleTexts) : 'none';
  if (spec.defaultBackend) {
    facts['default backend'] = backendText(spec.defaultBackend);
  }
  const tls: any[] = spec.tls ?? [];
  facts['TLS hosts'] = tls.length
    ? tls.map(
        entry =>
          `${(entry.hosts ?? []).join(', ') || 'every host'}${
            entry.secretName
              ? ` (certificate in Secret ${entry.secretName})`
              : ''
          }`,
      )
    : 'none: served over plain HTTP';
  const addresses: any[] = ingress.status?.loadBalancer?.ingress ?? [];
  if (addresses.length) {
    facts.addresses = addresses.map(a => a.ip ?? a.hostname ?? '');
  }
  return facts;
}
