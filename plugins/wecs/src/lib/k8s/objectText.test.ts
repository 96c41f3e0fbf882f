import {
  identityProblem,
  objectToText,
  parseManifests,
  parseObjectText,
} from './objectText';

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

describe('parseManifests', () => {
  it('reads several documents and skips empty ones', () => {
    const parsed = parseManifests(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  generateName: b-\n',
    );
    expect(parsed).toEqual({
      ok: true,
      objects: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { generateName: 'b-' },
        },
      ],
    });
  });

  it('names the document and the fields it lacks', () => {
    expect(
      parseManifests(
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\nkind: Secret\n',
      ),
    ).toEqual({
      ok: false,
      message: 'Document 2 needs apiVersion, metadata.name',
      line: 6,
    });
  });

  it('gives the line of a syntax error, and refuses an empty text', () => {
    const parsed = parseManifests('apiVersion: v1\nkind: [ConfigMap\n');
    expect(parsed.ok).toBe(false);
    expect(parsed).toMatchObject({
      message: expect.stringMatching(/^Invalid YAML at line \d/),
    });
    expect(parseManifests('  \n')).toEqual({
      ok: false,
      message: 'The text holds no manifest',
    });
    expect(parseManifests('- a\n- b\n')).toMatchObject({
      ok: false,
      message: 'The text is not an object',
    });
  });
});
