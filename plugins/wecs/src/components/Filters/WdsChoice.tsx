import { ChoiceField } from './ChoiceField';

/**
 * Which WDS a view shows, by its kubeconfig context: KubeStellar's UI calls it the context.
 * Choosing another one is `onChange`'s to handle, e.g. by dropping a namespace filter.
 */
export const WdsChoice = ({
  names,
  value,
  onChange,
}: {
  names: string[];
  value: string | undefined;
  onChange: (wds: string | undefined) => void;
}) => (
  <ChoiceField
    label="Context"
    value={value}
    options={names}
    onChange={onChange}
    minWidth={140}
  />
);
