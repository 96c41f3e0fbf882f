import type { ObjectRef } from '../api';

/** Offers `text` to the user as a file download named `fileName`. */
export function downloadText(
  fileName: string,
  text: string,
  type = 'text/plain',
) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** The file an object is saved as: `cluster-namespace-kind-name.ext`. */
export const objectFileName = (ref: ObjectRef, extension: string) =>
  `${[ref.cluster, ref.namespace, ref.kind.toLowerCase(), ref.name]
    .filter(Boolean)
    .join('-')}.${extension}`;
