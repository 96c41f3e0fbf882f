import { useApi } from '@backstage/core-plugin-api';
import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { Box, Tab, Tabs } from '@material-ui/core';
import { wecsApiRef } from '../../api';
import { DetailsTab } from '../../lib/detailsTabs';
import { ObjectEditor } from '../ObjectEditor';
import { objectFacts } from '../../lib/k8s/objectFacts';
import { overallStatus } from '../../lib/k8s/overallStatus';
import { Summary } from '../ResourceDetails';
import { useLoadedObject } from '../../hooks/useLoadedObject';
import { ClusterCapacity } from './CapacityBar';
import { ImportLog } from './ImportLog';

/**
 * The ITS's ManagedCluster of a cluster: its Summary, an Edit tab and, given the live
 * `managedCluster`, its Import Logs (read again whenever it changes).
 */
export const ManagedClusterTabs = ({
  name,
  tab,
  onTabChange,
  managedCluster,
}: {
  name: string;
  tab: DetailsTab;
  onTabChange: (tab: DetailsTab) => void;
  managedCluster?: SlimResource;
}) => {
  const wecsApi = useApi(wecsApiRef);
  const { loaded, onSaved, reload } = useLoadedObject(
    () => wecsApi.getClusterObject(name),
    [wecsApi, name, managedCluster?.resourceVersion],
  );
  const tabs: DetailsTab[] = managedCluster
    ? ['summary', 'logs', 'edit']
    : ['summary', 'edit'];
  const current = tabs.includes(tab) ? tab : 'summary';
  return (
    <>
      <Tabs
        value={current}
        onChange={(_, value) => onTabChange(value)}
        indicatorColor="primary"
      >
        <Tab value="summary" label="Summary" />
        {managedCluster && <Tab value="logs" label="Import Logs" />}
        <Tab value="edit" label="Edit" />
      </Tabs>
      <Box mt={2}>
        {current === 'summary' && managedCluster && (
          <Box mb={2}>
            <ClusterCapacity cluster={managedCluster} />
          </Box>
        )}
        {current === 'summary' &&
          loaded(value => (
            <Summary
              facts={objectFacts(value, name)}
              status={
                managedCluster &&
                overallStatus(managedCluster.kind, managedCluster.status)
              }
            />
          ))}
        {current === 'logs' &&
          managedCluster &&
          loaded(value => (
            <ImportLog managedCluster={managedCluster} object={value} />
          ))}
        {current === 'edit' &&
          loaded(value => (
            <ObjectEditor
              target={{ cluster: name, kind: 'ManagedCluster', name }}
              where="the ITS"
              object={value}
              save={edited => wecsApi.replaceClusterObject(name, edited)}
              onSaved={onSaved}
              onReload={reload}
            />
          ))}
      </Box>
    </>
  );
};
