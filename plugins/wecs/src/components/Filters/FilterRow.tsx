import { Box } from '@material-ui/core';
import { ReactNode } from 'react';

/** The row of filters above a view's content. */
export const FilterRow = ({ children }: { children: ReactNode }) => (
  <Box
    display="flex"
    alignItems="center"
    flexWrap="wrap"
    mb={2}
    style={{ gap: 16 }}
  >
    {children}
  </Box>
);
