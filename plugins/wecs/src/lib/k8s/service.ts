import { selectorTerms } from './labelSelector';
import { Facts } from './facts';

/** A Service port as kubectl describes it: `http 80/TCP → 8080, node port 30080`. */
function portText(port: any): string {
  const target =
    port.targetPort !== undefined && port.targetPort !== port.port
      ? ` → ${port.targetPort}`
      : '';
  const nodePort = port.nodePort ? `, node port ${port.nodePort}` : '';
  return `${port.name ? `${port.name} ` : ''}${port.port}/${
    port.protocol ?? 'TCP'
  }${target}${nodePort}`;
}

function clusterIpText(spec: any): string | undefined {
  const ips: string[] =
    spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : []);
  if (ips.includes('None')) return 'None (headless)';
  return ips.length ? ips.join(', ') : undefined;
}

/**
 * What a Service is: its type, cluster IP, the pods its selector picks, its ports, and where
 * it is reached from outside (external IPs, load balancer, external name).
 */
export function serviceFacts(service: any): Facts {
  const spec = service.spec ?? {};
  const facts: Facts = { type: spec.type ?? 'ClusterIP' };
  const clusterIp = clusterIpText(spec);
  if (clusterIp) facts['cluster IP'] = clusterIp;
  const selector = selectorTerms(spec.selector);
  facts.selector = selector.length
    ? selector
    : 'none: its endpoints are managed by hand';
  if (spec.ports?.length) facts.ports = spec.ports.map(portText);
  if (spec.externalIPs?.length) facts['external IPs'] = spec.externalIPs;
  const ingress: any[] = service.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) {
    facts['load balancer'] = ingress.map(i => i.ip ?? i.hostname ?? '');
  } else if (spec.type === 'LoadBalancer') {
    facts['load balancer'] = 'not provisioned yet';
  }
  if (spec.externalName) facts['external name'] = spec.externalName;
  if (spec.sessionAffinity && spec.sessionAffinity !== 'None') {
    facts['session affinity'] = spec.sessionAffinity;
  }
  return facts;
}
