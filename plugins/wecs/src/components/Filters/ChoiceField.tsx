import { MenuItem, TextField, Typography } from '@material-ui/core';
import { useId } from 'react';

/** A second set of choices, listed under a heading of its own after the first. */
export interface ChoiceGroup {
  heading: string;
  options: string[];
}

/**
 * A labelled drop-down of names. With `allLabel` its first choice is "all" and stands for no
 * choice (`undefined`); its label stays above the field so the two never overlap. A value not
 * (yet) among the options, e.g. from a link opened before the choices loaded, is shown as one.
 */
export const ChoiceField = ({
  label,
  value,
  options,
  allLabel,
  more,
  onChange,
  minWidth = 160,
}: {
  label: string;
  value: string | undefined;
  options: string[];
  allLabel?: string;
  more?: ChoiceGroup;
  onChange: (value: string | undefined) => void;
  minWidth?: number;
}) => {
  // With an id, MUI names the drop-down by its label and its value ("Kind Node").
  const id = useId();
  const known = [...options, ...(more?.options ?? [])];
  const shown = value && !known.includes(value) ? [value, ...options] : options;
  return (
    <TextField
      id={id}
      select
      variant="outlined"
      size="small"
      label={label}
      value={value ?? ''}
      onChange={event => onChange(event.target.value || undefined)}
      InputLabelProps={{ shrink: true }}
      SelectProps={{ displayEmpty: true }}
      style={{ minWidth }}
    >
      {allLabel !== undefined && <MenuItem value="">{allLabel}</MenuItem>}
      {shown.map(option => (
        <MenuItem key={option} value={option}>
          {option}
        </MenuItem>
      ))}
      {more && more.options.length > 0 && (
        // A disabled item, not a ListSubheader: MUI 4's Select would take a click on that as a choice.
        <MenuItem disabled divider>
          <Typography variant="overline">{more.heading}</Typography>
        </MenuItem>
      )}
      {more?.options.map(option => (
        <MenuItem key={`more:${option}`} value={option}>
          {option}
        </MenuItem>
      ))}
    </TextField>
  );
};
