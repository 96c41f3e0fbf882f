import { Box, Chip, Tooltip } from '@material-ui/core';

/**
 * An object's labels as small `key=value` chips; when the backend left some out of a list's
 * object (past its limits), a last chip says how many.
 */
export const LabelList = ({
  labels,
  hide = [],
  wrap = true,
  omitted,
}: {
  labels?: Record<string, string>;
  /** Labels the backend left out of this object's list entry; its details show them all. */
  omitted?: number;
  /** Whether chips may take several lines; on one line the overflow is cut. */
  wrap?: boolean;
  /** Keys not worth showing in this list. */
  hide?: string[];
}) => (
  <Box
    display="flex"
    flexWrap={wrap ? 'wrap' : 'nowrap'}
    overflow={wrap ? undefined : 'hidden'}
    style={{ gap: 4 }}
  >
    {Object.entries(labels ?? {})
      .filter(([key]) => !hide.includes(key))
      .map(([key, value]) => (
        <Chip key={key} size="small" label={`${key}=${value}`} />
      ))}
    {omitted ? (
      <Tooltip
        title={`${omitted} more label${
          omitted === 1 ? '' : 's'
        } not listed (the backend's limits); the object's details show them all`}
      >
        <Chip size="small" variant="outlined" label={`+${omitted} more`} />
      </Tooltip>
    ) : null}
  </Box>
);
