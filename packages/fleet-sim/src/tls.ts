import forge from 'node-forge';

export interface FleetTls {
  /** PEM of the certificate authority that signed the serving certificate. */
  caCert: string;
  /** PEM serving certificate for 127.0.0.1 and localhost, and its key. */
  cert: string;
  key: string;
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
  };
}
