import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';

// Just enough DER (ITU-T X.690) to write a PKCS #10 certificate request.

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) {
    bytes.unshift(rest % 256);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, ...contents: Buffer[]) => {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};

const sequence = (...contents: Buffer[]) => tlv(0x30, ...contents);
const set = (...contents: Buffer[]) => tlv(0x31, ...contents);
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const base128 = [arc & 0x7f];
    for (let v = arc >>> 7; v > 0; v >>>= 7) base128.unshift(0x80 | (v & 0x7f));
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

const ATTRIBUTE_TYPES = { O: '2.5.4.10', CN: '2.5.4.3' } as const;
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';

/** A distinguished name, one attribute per relative name, in the order given. */
export type Subject = Array<[keyof typeof ATTRIBUTE_TYPES, string]>;

const name = (subject: Subject) =>
  sequence(
    ...subject.map(([type, value]) =>
      set(sequence(oid(ATTRIBUTE_TYPES[type]), utf8(value))),
    ),
  );

const pem = (label: string, der: Buffer) =>
  `-----BEGIN ${label}-----\n${der
    .toString('base64')
    .replace(/.{64}/g, '$&\n')
    .replace(/\n?$/, '\n')}-----END ${label}-----\n`;

/**
 * A PKCS #10 certificate request in PEM for `subject`, signed with a fresh ECDSA P-256 key, as
 * OCM's registration agent files one for its hub client certificate.
 */
export function certificateRequest(subject: Subject): {
  pem: string;
  privateKey: KeyObject;
} {
  const { publicKey, privateKey } = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
  });
  const info = sequence(
    tlv(0x02, Buffer.from([0])),
    name(subject),
    publicKey.export({ type: 'spki', format: 'der' }),
    // No attributes: an empty [0] IMPLICIT SET.
    tlv(0xa0),
  );
  const signature = sign('sha256', info, privateKey);
  const request = sequence(
    info,
    sequence(oid(ECDSA_WITH_SHA256)),
    tlv(0x03, Buffer.from([0]), signature),
  );
  return { pem: pem('CERTIFICATE REQUEST', request), privateKey };
}
