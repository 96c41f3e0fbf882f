import { decodeKubeProtobuf, UnreadableProtobuf } from './protobuf';

/** What `kubectl certificate approve cluster4-tjkzd` (v1.32) PUT to the approval subresource. */
const KUBECTL_APPROVAL = Buffer.from(
  '6b3873000a330a166365727469666963617465732e6b38732e696f2f7631121943657274696669636174655369676e696e675265717565737412a3040a81010a0e636c7573746572342d746a6b7a6412001a0022002a2465373466346337652d383131622d343765382d616134662d346566376234316534386339320232333801420808a7fdd7d80610005a330a276f70656e2d636c75737465722d6d616e6167656d656e742e696f2f636c75737465722d6e616d651208636c75737465723412b5020a642d2d2d2d2d424547494e20434552544946494341544520524551554553542d2d2d2d2d0a28636c75737465723420726567697374726174696f6e206167656e74290a2d2d2d2d2d454e4420434552544946494341544520524551554553542d2d2d2d2d0a122d73797374656d3a6f70656e2d636c75737465722d6d616e6167656d656e743a636c7573746572343a6167656e741a00222f73797374656d3a6f70656e2d636c75737465722d6d616e6167656d656e743a6d616e616765642d636c757374657273221473797374656d3a61757468656e746963617465642a116469676974616c207369676e61747572652a106b657920656e6369706865726d656e742a0b636c69656e7420617574683a236b756265726e657465732e696f2f6b7562652d6170697365727665722d636c69656e741a650a630a08417070726f766564120e4b75626563746c417070726f76651a3554686973204353522077617320617070726f766564206279206b75626563746c20636572746966696361746520617070726f76652e220808eafdd7d80610002a003204547275651a002200',
  'hex',
);

describe('decodeKubeProtobuf', () => {
  it('reads the CSR kubectl sends to approve it', () => {
    const csr = decodeKubeProtobuf(KUBECTL_APPROVAL) as any;
    expect(csr.apiVersion).toBe('certificates.k8s.io/v1');
    expect(csr.kind).toBe('CertificateSigningRequest');
    expect(csr.metadata).toMatchObject({
      name: 'cluster4-tjkzd',
      resourceVersion: '23',
      labels: { 'open-cluster-management.io/cluster-name': 'cluster4' },
    });
    expect(csr.metadata.creationTimestamp).toMatch(/^20\d\d-/);
    expect(csr.spec).toMatchObject({
      signerName: 'kubernetes.io/kube-apiserver-client',
      usages: ['digital signature', 'key encipherment', 'client auth'],
    });
    expect(Buffer.from(csr.spec.request, 'base64').toString()).toContain(
      'BEGIN CERTIFICATE REQUEST',
    );
    expect(csr.status.conditions).toEqual([
      {
        type: 'Approved',
        status: 'True',
        reason: 'KubectlApprove',
        message: 'This CSR was approved by kubectl certificate approve.',
        lastUpdateTime: expect.stringMatching(/^20\d\d-.*Z$/),
      },
    ]);
  });

  it('refuses what it cannot read', () => {
    expect(() => decodeKubeProtobuf(Buffer.from('{"kind":"Pod"}'))).toThrow(
      UnreadableProtobuf,
    );
    const pod = Buffer.concat([
      Buffer.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0x09, 0x0a, 0x02]),
      Buffer.from('v1'),
      Buffer.from([0x12, 0x03]),
      Buffer.from('Pod'),
    ]);
    expect(() => decodeKubeProtobuf(pod)).toThrow(/Pod are not read here/);
  });
});
