import { KubeObject } from './types';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import { ApiError } from './status';

const object = (
  labels: Record<string, string>,
  extra: object = {},
): KubeObject => ({
  metadata: { name: 'web-1', namespace: 'shop', labels },
  ...extra,
});

describe('parseLabelSelector', () => {
  const web = object({ app: 'web', tier: 'frontend', canary: '' });

  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app in (api, web)', true],
    ['app notin (api,web)', false],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['app=web,tier=backend', false],
    ['app in (web),tier notin (backend)', true],
    ['', true],
  ])('%s matches: %s', (selector, expected) => {
    expect(parseLabelSelector(selector)(web)).toBe(expected);
  });

  it('treats a missing label as not equal', () => {
    expect(parseLabelSelector('zone!=eu')(web)).toBe(true);
  });

  it('rejects an invalid key with a 400', () => {
    expect(() => parseLabelSelector('bad key=1')).toThrow(ApiError);
    expect(() => parseLabelSelector('-bad=1')).toThrow(
      expect.objectContaining({
        status: expect.objectContaining({ code: 400 }),
      }),
    );
  });
});

describe('parseFieldSelector', () => {
  it('selects pods by phase and name', () => {
    const pod = object({}, { status: { phase: 'Running' } });
    expect(parseFieldSelector('status.phase=Running', 'Pod')(pod)).toBe(true);
    expect(parseFieldSelector('status.phase!=Running', 'Pod')(pod)).toBe(false);
    expect(
      parseFieldSelector(
        'metadata.name=web-1,metadata.namespace=shop',
        'Pod',
      )(pod),
    ).toBe(true);
  });

  it('selects events by their involved object', () => {
    const event = object(
      {},
      { involvedObject: { kind: 'Pod', name: 'web-1' } },
    );
    expect(
      parseFieldSelector(
        'involvedObject.name=web-1,involvedObject.kind=Pod',
        'Event',
      )(event),
    ).toBe(true);
  });

  it('answers 400 for a field the kind does not index, like the API server', () => {
    expect(() => parseFieldSelector('spec.replicas=3', 'Deployment')).toThrow(
      'field label not supported: spec.replicas',
    );
  });
});
