const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Why `name` is not an RFC 1123 label (a namespace or cluster name), or undefined if it is. */
export function dnsLabelError(name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return 'a name is required';
  if (name.length > 63)
    return `"${name}" is longer than 63 characters, the most an RFC 1123 label may have`;
  if (!DNS_LABEL.test(name))
    return `"${name}" is not an RFC 1123 label: it must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc')`;
  return undefined;
}

function labelKeyError(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (
    prefix !== undefined &&
    (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))
  )
    return `label key "${key}": the prefix must be a lowercase RFC 1123 subdomain of at most 253 characters`;
  if (name.length > 63 || !LABEL_NAME.test(name))
    return `label key "${key}": the name part must be 1 to 63 characters, alphanumeric, '-', '_' or '.', starting and ending with an alphanumeric character`;
  return undefined;
}

/**
 * Why `labels` is not a Kubernetes label map (string keys with an optional DNS-subdomain prefix
 * and a name part, string values of at most 63 characters), one message a problem; none if it is.
 */
export function labelMapErrors(labels: unknown): string[] {
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels))
    return ['labels must be an object mapping label keys to string values'];
  const errors: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const keyError = labelKeyError(key);
    if (keyError) errors.push(keyError);
    if (typeof value !== 'string') {
      errors.push(`label "${key}": the value must be a string`);
    } else if (value !== '' && (value.length > 63 || !LABEL_NAME.test(value))) {
      errors.push(
        `label "${key}": the value "${value}" must be at most 63 characters, alphanumeric, '-', '_' or '.', starting and ending with an alphanumeric character`,
      );
    }
  }
  return errors;
}
