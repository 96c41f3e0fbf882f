import { dnsLabelError, labelMapErrors } from './names';

describe('dnsLabelError', () => {
  it('accepts RFC 1123 labels and says what is wrong with others', () => {
    expect(dnsLabelError('cluster-7')).toBeUndefined();
    expect(dnsLabelError('a'.repeat(63))).toBeUndefined();
    expect(dnsLabelError('')).toBe('a name is required');
    expect(dnsLabelError(7)).toBe('a name is required');
    expect(dnsLabelError('a'.repeat(64))).toMatch(/longer than 63/);
    for (const bad of ['Cluster', '-edge', 'edge-', 'edge.1', 'edge_1'])
      expect(dnsLabelError(bad)).toMatch(/is not an RFC 1123 label/);
  });
});

describe('labelMapErrors', () => {
  it('accepts Kubernetes label maps', () => {
    expect(
      labelMapErrors({
        'location-group': 'edge',
        'topology.kubernetes.io/zone': 'eu-west-1b',
        'feature.open-cluster-management.io/addon-x': '',
        Name_1: 'A.b-c_d',
      }),
    ).toEqual([]);
  });

  it('names each bad key and value', () => {
    expect(labelMapErrors(['edge'])).toEqual([
      'labels must be an object mapping label keys to string values',
    ]);
    expect(
      labelMapErrors({
        'bad key': 'x',
        'Example.com/x': 'y',
        region: 3,
        zone: '-a',
        long: 'v'.repeat(64),
      }),
    ).toEqual([
      expect.stringMatching(/^label key "bad key": the name part/),
      expect.stringMatching(/^label key "Example.com\/x": the prefix/),
      'label "region": the value must be a string',
      expect.stringMatching(/^label "zone": the value "-a"/),
      expect.stringMatching(/^label "long": the value "v+" must be/),
    ]);
  });
});
