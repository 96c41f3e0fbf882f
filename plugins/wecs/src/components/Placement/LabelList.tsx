import { Box, Chip } from '@material-ui/core';

/** An object's labels as small `key=value` chips. */
export const LabelList = ({
  labels,
  hide = [],
  wrap = true,
}: {
  labels?: Record<string, string>;
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
  </Box>
);
