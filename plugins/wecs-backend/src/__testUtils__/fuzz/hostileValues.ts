import fc from 'fast-check';

/**
 * Text an attacker or a careless client sends where a name, a number or a flag is expected:
 * prototype keys, numbers in the forms `Number()` accepts and Kubernetes does not, path
 * tricks, control characters, markup, very long text, and plain random strings.
 */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'prototype',
      'valueOf',
    ),
  },
  fc.constantFrom(
    '0x10',
    '1e3',
    '-1',
    '+5',
    ' 7',
    '1.5',
    'NaN',
    'Infinity',
    '9'.repeat(40),
    '',
    ' ',
    '..',
    '../../etc/passwd',
    '%2e%2e%2f',
    '%00',
    '\u0000',
    '\r\nX-Injected: 1',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '${jndi:ldap://x}',
    '🙂',
    'a'.repeat(300),
    'x'.repeat(70_000),
    'true',
    'false',
    'null',
    '[]',
    '{}',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
);

/**
 * A value from `valid` most of the time, else hostile text: a request with a hostile value in
 * one or two places and valid ones elsewhere gets past the first checks to the code behind.
 */
export const mostly = (valid: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: hostileText },
  );

/** JSON text nested `depth` levels deep, as arrays or objects. */
const nested = (depth: number, objects: boolean) =>
  objects
    ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
    : `${'['.repeat(depth)}${']'.repeat(depth)}`;

/**
 * A request body: JSON values of every shape, prototype pollution, deep nesting (up to 20,000
 * levels), text that is not JSON, and large bodies.
 */
export const hostileBody: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map(value => JSON.stringify(value)),
  // Shaped as the routes expect, with hostile values inside.
  fc
    .record({
      name: fc.oneof(
        fc.constantFrom('fuzzed', 'storefront-config'),
        hostileText,
      ),
      labels: fc.dictionary(hostileText, hostileText, { maxKeys: 2 }),
      data: fc.dictionary(hostileText, fc.jsonValue({ maxDepth: 2 }), {
        maxKeys: 2,
      }),
    })
    .map(({ name, labels, data }) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: 'shop', labels },
        data,
      }),
    ),
  fc.constantFrom(
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"metadata":{"name":12,"namespace":[]},"kind":{},"apiVersion":null}',
    '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"x"},"data":{"a":"%%%"}}',
    '[{"op":"replace","path":"/metadata/__proto__","value":1}]',
    '[{"op":"remove","path":""}]',
    'not json',
    '{"unterminated": ',
    '',
    'null',
    '\u0000\u0001',
    `{"a":"${'x'.repeat(2_000_000)}"}`,
  ),
  fc
    .tuple(fc.integer({ min: 50, max: 20_000 }), fc.boolean())
    .map(([depth, objects]) => nested(depth, objects)),
);

/** Content types a body may be sent with, the right ones (most often) and wrong ones. */
export const contentTypes = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json',
  'application/json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/json-patch+json',
  'application/apply-patch+yaml',
  'text/plain',
  'application/yaml',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  undefined,
);
