import { FleetTls, issueClientCertificate } from '../../tls';
import { ClusterRuntime } from '../ClusterRuntime';
import { agentSubject, CLUSTER_NAME_LABEL } from '../kubestellar';

const CSR_API = 'certificates.k8s.io/v1';
const CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';

const hasCondition = (csr: any, type: string) =>
  (csr.status?.conditions ?? []).some(
    (c: any) => c.type === type && c.status === 'True',
  );

/**
 * kube-controller-manager's csrsigning controller on the ITS, for the kube-apiserver-client
 * signer: an approved, not denied, not failed CSR gets `status.certificate`, a client
 * certificate the fleet's CA signs. A registration agent's CSR gets the subject OCM asks for.
 */
export function signApprovedCsrs(its: ClusterRuntime, tls: FleetTls) {
  for (const csr of its.list(CSR_API, 'CertificateSigningRequest')) {
    const { spec, status } = csr as any;
    if (
      spec?.signerName !== CLIENT_SIGNER ||
      status?.certificate ||
      !hasCondition(csr, 'Approved') ||
      hasCondition(csr, 'Denied') ||
      hasCondition(csr, 'Failed')
    )
      continue;
    const cluster = csr.metadata.labels?.[CLUSTER_NAME_LABEL];
    const subject = cluster
      ? agentSubject(cluster)
      : { commonName: spec.username ?? csr.metadata.name!, organizations: [] };
    const pem = issueClientCertificate(
      tls,
      subject.commonName,
      subject.organizations,
    );
    its.setStatus(csr, {
      ...status,
      certificate: Buffer.from(pem).toString('base64'),
    });
  }
}

/** Whether a cluster's registration agent holds an issued hub client certificate. */
export function hasIssuedCertificate(its: ClusterRuntime, cluster: string) {
  return its
    .list(
      CSR_API,
      'CertificateSigningRequest',
      undefined,
      `${CLUSTER_NAME_LABEL}=${cluster}`,
    )
    .some(
      csr =>
        (csr.status as any)?.certificate &&
        hasCondition(csr, 'Approved') &&
        !hasCondition(csr, 'Denied'),
    );
}
