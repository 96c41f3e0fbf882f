import { InputAdornment, TextField, Typography } from '@material-ui/core';
import SearchIcon from '@material-ui/icons/Search';
import { CSSProperties, KeyboardEvent } from 'react';

/** The plugin's search box: an outlined field with a search icon, named for screen readers. */
export const SearchField = ({
  label,
  placeholder = label,
  value,
  onChange,
  onKeyDown,
  note,
  error,
  style,
}: {
  /** The accessible name. */
  label: string;
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
  onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void;
  /** A short remark at the end of the field, e.g. how many lines match. */
  note?: string;
  /** What is wrong with the value, under the field. */
  error?: string;
  style?: CSSProperties;
}) => (
  <TextField
    size="small"
    variant="outlined"
    placeholder={placeholder}
    value={value}
    style={style}
    onChange={event => onChange(event.target.value)}
    onKeyDown={onKeyDown}
    error={Boolean(error)}
    helperText={error}
    inputProps={{ 'aria-label': label }}
    InputProps={{
      startAdornment: (
        <InputAdornment position="start">
          <SearchIcon fontSize="small" />
        </InputAdornment>
      ),
      endAdornment: note ? (
        <InputAdornment position="end">
          <Typography variant="caption" noWrap>
            {note}
          </Typography>
        </InputAdornment>
      ) : undefined,
    }}
  />
);
