/** A count with its noun, in the singular for one: `1 cluster`, `2 clusters`. */
export const counted = (count: number, one: string) =>
  `${count} ${one}${count === 1 ? '' : 's'}`;
