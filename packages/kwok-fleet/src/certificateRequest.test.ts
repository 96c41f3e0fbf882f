import { createPublicKey, verify } from 'node:crypto';
import { certificateRequest } from './certificateRequest';

/** The elements of a DER SEQUENCE, each with its tag and length. */
function children(der: Buffer): Buffer[] {
  const header = (at: number) => {
    const first = der[at + 1];
    if (first < 0x80) return { size: 2, length: first };
    const count = first & 0x7f;
    return { size: 2 + count, length: der.readUIntBE(at + 2, count) };
  };
  const outer = header(0);
  const result: Buffer[] = [];
  for (let at = outer.size; at < der.length; ) {
    const { size, length } = header(at);
    result.push(der.subarray(at, at + size + length));
    at += size + length;
  }
  return result;
}

describe('certificateRequest', () => {
  it('writes a PKCS #10 request signed by its key', () => {
    const { pem, privateKey } = certificateRequest([
      ['O', 'system:open-cluster-management:cluster2'],
      ['CN', 'system:open-cluster-management:cluster2:agent'],
    ]);
    expect(pem).toMatch(
      /^-----BEGIN CERTIFICATE REQUEST-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END CERTIFICATE REQUEST-----\n$/,
    );
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\n/g, ''), 'base64');
    const [info, , signature] = children(der);
    expect(info.toString('latin1')).toContain(
      'system:open-cluster-management:cluster2:agent',
    );
    // A BIT STRING: tag, length, then the count of unused bits before the signature.
    const signatureBytes = signature.subarray(signature[1] < 0x80 ? 3 : 4);
    expect(
      verify('sha256', info, createPublicKey(privateKey), signatureBytes),
    ).toBe(true);
  });
});
