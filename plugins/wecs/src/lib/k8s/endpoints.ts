import { Facts } from './facts';

/** An address with the object behind it: `10.244.1.7 (Pod storefront-7d9-abcde)`. */
function addressText(ip: string, targetRef?: any): string {
  return targetRef?.name
    ? `${ip} (${targetRef.kind ?? 'object'} ${targetRef.name})`
    : ip;
}

const portText = (port: any) =>
  `${port.name ? `${port.name} ` : ''}${port.port}/${port.protocol ?? 'TCP'}`;

const unique = (values: string[]) => [...new Set(values)];

/**
 * The addresses behind a Service as its Endpoints list them: ready ones, those not ready yet,
 * and their ports.
 */
export function endpointsFacts(endpoints: any): Facts {
  const subsets: any[] = endpoints.subsets ?? [];
  const ready = subsets.flatMap(subset =>
    (subset.addresses ?? []).map((a: any) => addressText(a.ip, a.targetRef)),
  );
  const notReady = subsets.flatMap(subset =>
    (subset.notReadyAddresses ?? []).map((a: any) =>
      addressText(a.ip, a.targetRef),
    ),
  );
  const facts: Facts = { 'ready addresses': ready.length ? ready : 'none' };
  if (notReady.length) facts['not ready addresses'] = notReady;
  const ports = unique(
    subsets.flatMap(subset => (subset.ports ?? []).map(portText)),
  );
  if (ports.length) facts.ports = ports;
  return facts;
}

/**
 * The addresses of an EndpointSlice: its Service, address type, each endpoint (marked when not
 * ready, with its pod and node), and its ports.
 */
export function endpointSliceFacts(slice: any): Facts {
  const facts: Facts = {};
  const service = slice.metadata?.labels?.['kubernetes.io/service-name'];
  if (service) facts.service = service;
  if (slice.addressType) facts['address type'] = slice.addressType;
  const endpoints: any[] = slice.endpoints ?? [];
  facts.endpoints = endpoints.length
    ? endpoints.map(endpoint => {
        const addresses = (endpoint.addresses ?? []).join(', ');
        const notReady =
          endpoint.conditions?.ready === false ? ', not ready' : '';
        const node = endpoint.nodeName ? ` on ${endpoint.nodeName}` : '';
        return `${addressText(
          addresses,
          endpoint.targetRef,
        )}${node}${notReady}`;
      })
    : 'none';
  const ports: any[] = slice.ports ?? [];
  if (ports.length) facts.ports = ports.map(portText);
  return facts;
}
