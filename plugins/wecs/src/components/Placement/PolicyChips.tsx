import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { Box, Chip, Tooltip, Typography } from '@material-ui/core';
import { bindingPoliciesRouteRef } from '../../routes';

/**
 * The binding policies of an object, each a link to the policy: those whose Binding lists it,
 * and, outlined, those whose rules select it though their Binding does not list it (yet).
 */
export const PolicyChips = ({
  bound,
  selecting = [],
}: {
  bound: string[];
  selecting?: string[];
}) => {
  const policiesLink = useRouteRef(bindingPoliciesRouteRef);
  const unbound = selecting.filter(name => !bound.includes(name));
  if (!bound.length && !unbound.length)
    return (
      <Typography variant="body2" color="textSecondary">
        none
      </Typography>
    );
  const chip = (name: string, outlined: boolean) => (
    <Link
      key={name}
      to={`${policiesLink()}?policy=${encodeURIComponent(name)}`}
      underline="none"
    >
      <Chip
        size="small"
        color="primary"
        variant={outlined ? 'outlined' : 'default'}
        clickable
        label={name}
      />
    </Link>
  );
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {bound.map(name => chip(name, false))}
      {unbound.map(name => (
        <Tooltip
          key={name}
          title="Its rules select this object, but its Binding does not list it yet"
        >
          <span>{chip(name, true)}</span>
        </Tooltip>
      ))}
    </Box>
  );
};
