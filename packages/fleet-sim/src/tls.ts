import { randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface FleetTls {
  /** PEM of the certificate authority that signed the serving certificate. */
  caCert: string;
  /** PEM serving certificate for 127.0.0.1 and localhost, and its key. */
  cert: string;
  key: string;
  /** PEM private key of the certificate authority, to issue client certificates. */
  caKey: string;
}

const generateKeyPair = () =>
  new Promise<forge.pki.rsa.KeyPair>((resolve, reject) =>
    // node-forge hands RSA key generation to Node's native crypto when it can.
    forge.pki.rsa.generateKeyPair({ bits: 2048, workers: -1 }, (error, keys) =>
      error ? reject(error) : resolve(keys),
    ),
  );

function certificate(
  serial: string,
  subject: forge.pki.CertificateField[],
  issuer: forge.pki.CertificateField[],
  publicKey: forge.pki.PublicKey,
  extensions: object[],
) {
  const cert = forge.pki.createCertificate();
  cert.serialNumber = serial;
  cert.publicKey = publicKey;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  cert.setExtensions(extensions);
  return cert;
}

/** A fresh CA and a serving certificate it signs, valid for the loopback addresses. */
export async function createFleetTls(): Promise<FleetTls> {
  const caKeys = await generateKeyPair();
  const caName = [{ name: 'commonName', value: 'fleet-sim-ca' }];
  const ca = certificate('01', caName, caName, caKeys.publicKey, [
    { name: 'basicConstraints', cA: true, critical: true },
    {
      name: 'keyUsage',
      keyCertSign: true,
      cRLSign: true,
      digitalSignature: true,
      critical: true,
    },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const serverKeys = await generateKeyPair();
  const server = certificate(
    '02',
    [{ name: 'commonName', value: 'kube-apiserver' }],
    caName,
    serverKeys.publicKey,
    [
      { name: 'basicConstraints', cA: false },
      {
        name: 'keyUsage',
        digitalSignature: true,
        keyEncipherment: true,
        critical: true,
      },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 2, value: 'kubernetes.default.svc' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
      {
        name: 'authorityKeyIdentifier',
        keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes(),
      },
    ],
  );
  server.sign(caKeys.privateKey, forge.md.sha256.create());

  return {
    caCert: forge.pki.certificateToPem(ca),
    cert: forge.pki.certificateToPem(server),
    key: forge.pki.privateKeyToPem(serverKeys.privateKey),
    caKey: forge.pki.privateKeyToPem(caKeys.privateKey),
  };
}

/**
 * A client certificate the fleet's CA signs for `commonName` in `organizations`, as the
 * kube-apiserver-client signer issues for an approved CertificateSigningRequest. It carries the
 * serving key's public half: nobody presents it, it only has to be a real certificate.
 */
export function issueClientCertificate(
  tls: FleetTls,
  commonName: string,
  organizations: string[],
): string {
  const ca = forge.pki.certificateFromPem(tls.caCert);
  const cert = certificate(
    // A positive serial number: the leading hex digit keeps the sign bit clear.
    `1${randomBytes(8).toString('hex')}`,
    [
      { name: 'commonName', value: commonName },
      ...organizations.map(value => ({ name: 'organizationName', value })),
    ],
    ca.subject.attributes,
    forge.pki.certificateFromPem(tls.cert).publicKey,
    [
      { name: 'basicConstraints', cA: false },
      {
        name: 'keyUsage',
        digitalSignature: true,
        keyEncipherment: true,
        critical: true,
      },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  );
  cert.sign(forge.pki.privateKeyFromPem(tls.caKey), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}
