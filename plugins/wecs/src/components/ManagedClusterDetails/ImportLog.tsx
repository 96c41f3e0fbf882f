import { InfoCard } from '@backstage/core-components';
import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { Box, Typography } from '@material-ui/core';
import { useFleet } from '../../hooks/useFleet';
import { LogViewer } from '../LogViewer';
import { Events } from '../ResourceDetails';
import { PhaseStatus } from '../Status';
import { joinSteps } from '../../lib/kubestellar/joinSteps';

/** Where OCM's hub runs its registration controller, in the ITS. */
const HUB_NAMESPACE = 'open-cluster-management-hub';
const CLUSTER_NAME_LABEL = 'open-cluster-management.io/cluster-name';
const EVENTS_REFRESH_SECONDS = 5;

/**
 * A ManagedCluster's import log, live: its join steps from its conditions and CSRs, the
 * events the hub recorded about it, and the registration controller's log about it.
 */
export const ImportLog = ({
  managedCluster,
  object,
}: {
  managedCluster: SlimResource;
  /** The full ManagedCluster, read again whenever it changes. */
  object: Record<string, any>;
}) => {
  const its = managedCluster.cluster;
  // The cluster's own CSRs, and the hub's Deployments (the registration controller's among
  // them): two narrow subscriptions, not the ITS whole.
  const csrs = [
    ...useFleet({
      roles: ['its'],
      clusters: [its],
      kinds: ['CertificateSigningRequest'],
      labels: { [CLUSTER_NAME_LABEL]: managedCluster.name },
    }).resources.values(),
  ];
  const hubDeployments = useFleet({
    roles: ['its'],
    clusters: [its],
    kinds: ['Deployment'],
    namespaces: [HUB_NAMESPACE],
  });
  const registration = [...hubDeployments.resources.values()].find(r =>
    r.name.includes('registration'),
  );
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <InfoCard
        title="Join steps"
        subheader="From the ManagedCluster and its CSRs, live"
      >
        {joinSteps(object, csrs).map(step => (
          <Box key={step.title} display="flex" alignItems="flex-start" mb={1}>
            <PhaseStatus phase={step.phase} />
            <Box>
              <Typography variant="subtitle2">{step.title}</Typography>
              <Typography variant="body2" color="textSecondary">
                {step.detail}
              </Typography>
            </Box>
          </Box>
        ))}
      </InfoCard>
      <InfoCard
        title="Events"
        subheader={`What the hub recorded about ${managedCluster.name}`}
        noPadding
      >
        <Events
          target={{
            cluster: its,
            kind: 'ManagedCluster',
            name: managedCluster.name,
            uid: managedCluster.uid,
            apiVersion: managedCluster.apiVersion,
          }}
          refreshSeconds={EVENTS_REFRESH_SECONDS}
        />
      </InfoCard>
      <InfoCard
        title="Registration controller log"
        subheader={
          registration
            ? `${registration.name} in ${its}/${HUB_NAMESPACE}, searched for ${managedCluster.name}`
            : undefined
        }
      >
        {registration ? (
          <LogViewer
            target={registration}
            initialSearch={managedCluster.name}
          />
        ) : (
          <Typography variant="body2">
            {hubDeployments.updatedAt
              ? `${its} runs no registration controller in ${HUB_NAMESPACE} that this backend can see.`
              : 'Looking for the registration controller…'}
          </Typography>
        )}
      </InfoCard>
    </Box>
  );
};
