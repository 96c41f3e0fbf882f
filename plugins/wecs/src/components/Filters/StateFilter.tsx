import { ToggleButton, ToggleButtonGroup } from '@material-ui/lab';

/** "All" and one button per state, each with how many items are in it; one at a time. */
export function StateFilter<State extends string>({
  states,
  stateOf,
  items,
  value,
  onChange,
}: {
  states: readonly State[];
  stateOf: (item: any) => State;
  items: readonly unknown[];
  /** The chosen state; undefined for all. */
  value: State | undefined;
  onChange: (state: State | undefined) => void;
}) {
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value ?? 'all'}
      onChange={(_, next) =>
        next && onChange(next === 'all' ? undefined : (next as State))
      }
      aria-label="Status"
    >
      <ToggleButton value="all">All ({items.length})</ToggleButton>
      {states.map(state => (
        <ToggleButton key={state} value={state}>
          {state} ({items.filter(item => stateOf(item) === state).length})
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
