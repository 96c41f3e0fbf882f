import { identityProblem, objectToText, parseObjectText } from './objectText';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
  spec: { replicas: 2 },
};

describe('object text', () => {
  it('round-trips an object through YAML and JSON', () => {
    for (const format of ['yaml', 'json'] as const) {
      const text = objectToText(deployment, format);
      expect(parseObjectText(text, format)).toEqual({
        ok: true,
        object: deployment,
      });
    }
    expect(objectToText(deployment, 'yaml')).toContain('  replicas: 2\n');
  });

  it('names the line of a YAML syntax error', () => {
    const result = parseObjectText(
      'kind: Deployment\nspec:\n  replicas: [2\n',
      'yaml',
    );
    expect(result).toMatchObject({ ok: false, line: expect.any(Number) });
    expect(!result.ok && result.message).toMatch(/^Invalid YAML at line \d+/);
  });

  it('names the line of a JSON syntax error', () => {
    const result = parseObjectText('{\n  "kind": "Pod",\n  oops\n}', 'json');
    expect(result).toMatchObject({ ok: false, line: 3 });
  });

  it('refuses text that is not one object', () => {
    expect(parseObjectText('- a\n- b\n', 'yaml')).toMatchObject({ ok: false });
    expect(parseObjectText('42', 'json')).toMatchObject({ ok: false });
  });

  it('refuses an edit that would make it another object', () => {
    const expected = { kind: 'Deployment', name: 'web', namespace: 'shop' };
    expect(identityProblem(deployment, expected)).toBeUndefined();
    expect(
      identityProblem(
        { ...deployment, metadata: { ...deployment.metadata, name: 'web2' } },
        expected,
      ),
    ).toMatch(/metadata.name must stay web/);
    expect(identityProblem({ ...deployment, kind: 'Pod' }, expected)).toMatch(
      /kind must stay Deployment/,
    );
  });
});
