import { MenuItem, TextField } from '@material-ui/core';

/**
 * A labelled drop-down of names. With `allLabel` its first choice is "all" and stands for no
 * choice (`undefined`); its label stays above the field so the two never overlap.
 */
export const ChoiceField = ({
  label,
  value,
  options,
  allLabel,
  onChange,
  minWidth = 160,
}: {
  label: string;
  value: string | undefined;
  options: string[];
  allLabel?: string;
  onChange: (value: string | undefined) => void;
  minWidth?: number;
}) => (
  <TextField
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
    {options.map(option => (
      <MenuItem key={option} value={option}>
        {option}
      </MenuItem>
    ))}
  </TextField>
);
