import { Box, IconButton, Tooltip, Typography } from '@material-ui/core';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowUpIcon from '@material-ui/icons/KeyboardArrowUp';
import { KeyboardEvent, ReactNode } from 'react';
import { FleetSearch } from '../../hooks/useFleetSearch';
import { SearchField } from '../SearchField';

/** Where the search stands, beside its fields: `3 of 120`, `No match`, or nothing yet. */
function positionOf(search: FleetSearch): string {
  if (search.total === undefined) return search.busy ? 'Searching…' : '';
  if (search.total === 0) return 'No match';
  return search.current === undefined
    ? `${search.total} matches`
    : `${search.current + 1} of ${search.total}`;
}

/**
 * The tree's search: a part of a name and a label selector, how many objects match and which
 * one is shown, and the way to the next and previous ones (Enter, Shift+Enter, or the buttons);
 * `actions` follow them. The fields wrap onto lines of their own when the card is narrow.
 */
export const TreeSearch = ({
  search,
  actions,
}: {
  search: FleetSearch;
  actions?: ReactNode;
}) => {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (event.shiftKey) search.previous();
    else search.next();
  };
  const none = !search.total;
  return (
    <Box
      display="flex"
      alignItems="flex-start"
      flexWrap="wrap"
      px={2}
      py={1}
      style={{ gap: 8 }}
    >
      <SearchField
        label="Search names across the fleet"
        value={search.name}
        onChange={search.setName}
        onKeyDown={onKeyDown}
        style={{ flex: '2 1 220px' }}
      />
      <SearchField
        label="Label selector"
        placeholder="Label selector, e.g. app=web"
        value={search.selector}
        onChange={search.setSelector}
        onKeyDown={onKeyDown}
        error={search.error}
        style={{ flex: '1 1 180px' }}
      />
      <Box
        display="flex"
        alignItems="center"
        flex="0 0 auto"
        minHeight={40}
        whiteSpace="nowrap"
      >
        <Typography
          variant="body2"
          color="textSecondary"
          aria-live="polite"
          data-testid="search-position"
          style={{ minWidth: 72, textAlign: 'right' }}
        >
          {positionOf(search)}
        </Typography>
        <Tooltip title="Previous match (Shift+Enter)">
          <span>
            <IconButton
              size="small"
              aria-label="Previous match"
              disabled={none}
              onClick={search.previous}
            >
              <KeyboardArrowUpIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title="Next match (Enter)">
          <span>
            <IconButton
              size="small"
              aria-label="Next match"
              disabled={none}
              onClick={search.next}
            >
              <KeyboardArrowDownIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        {actions}
      </Box>
    </Box>
  );
};
