import { containersOf } from './containers';

describe('containersOf', () => {
  const deployment = {
    kind: 'Deployment',
    spec: {
      template: {
        spec: {
          initContainers: [{ name: 'migrate', image: 'migrate:1' }],
          containers: [
            {
              name: 'web',
              image: 'payments:2',
              env: [
                { name: 'LOG_LEVEL', value: 'info' },
                {
                  name: 'DB_PASSWORD',
                  valueFrom: {
                    secretKeyRef: { name: 'db', key: 'password' },
                  },
                },
                {
                  name: 'POD_NAME',
                  valueFrom: { fieldRef: { fieldPath: 'metadata.name' } },
                },
              ],
              envFrom: [
                { secretRef: { name: 'payments-credentials' } },
                {
                  configMapRef: { name: 'features', optional: true },
                  prefix: 'FEATURE_',
                },
              ],
            },
          ],
        },
      },
    },
  };

  it('lists init containers first, then the main ones', () => {
    expect(containersOf(deployment).map(c => [c.role, c.name])).toEqual([
      ['init', 'migrate'],
      ['main', 'web'],
    ]);
  });

  it('says where each variable comes from, and which objects are imported whole', () => {
    const web = containersOf(deployment)[1];
    expect(web.env).toEqual([
      'LOG_LEVEL=info',
      'DB_PASSWORD from Secret db, key password',
      'POD_NAME from field metadata.name',
    ]);
    expect(web.envFrom).toEqual([
      'Secret payments-credentials',
      'ConfigMap features, prefixed FEATURE_ (optional)',
    ]);
  });

  it("reads a Pod's own spec and a CronJob's job template", () => {
    expect(
      containersOf({ kind: 'Pod', spec: { containers: [{ name: 'a' }] } }),
    ).toHaveLength(1);
    expect(
      containersOf({
        kind: 'CronJob',
        spec: {
          jobTemplate: {
            spec: { template: { spec: { containers: [{ name: 'report' }] } } },
          },
        },
      })[0].name,
    ).toBe('report');
    expect(containersOf({ kind: 'ConfigMap', data: {} })).toEqual([]);
  });
});
