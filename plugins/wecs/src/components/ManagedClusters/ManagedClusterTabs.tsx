import { useApi } from '@backstage/core-plugin-api';
import { Box, Tab, Tabs } from '@material-ui/core';
import { wecsApiRef } from '../../api';
import { DetailsTab } from '../NodeActions';
import { ObjectEditor } from '../ObjectEditor';
import { objectFacts, Summary, useLoadedObject } from '../ResourceDetails';

/** The ITS's ManagedCluster of a cluster: its Summary and an Edit tab. */
export const ManagedClusterTabs = ({
  name,
  tab,
  onTabChange,
}: {
  name: string;
  tab: DetailsTab;
  onTabChange: (tab: DetailsTab) => void;
}) => {
  const wecsApi = useApi(wecsApiRef);
  const { loaded, onSaved, reload } = useLoadedObject(
    () => wecsApi.getClusterObject(name),
    [wecsApi, name],
  );
  const current = tab === 'edit' ? 'edit' : 'summary';
  return (
    <>
      <Tabs
        value={current}
        onChange={(_, value) => onTabChange(value)}
        indicatorColor="primary"
      >
        <Tab value="summary" label="ManagedCluster" />
        <Tab value="edit" label="Edit" />
      </Tabs>
      <Box mt={2}>
        {current === 'summary' &&
          loaded(value => <Summary facts={objectFacts(value, name)} />)}
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
