/** Facts by name, each one line or a list: the rows of a table in the Summary. */
export type Facts = Record<string, string | string[]>;

/** A titled group of facts the Summary shows beside an object's identity. */
export interface FactSection {
  title: string;
  facts: Facts;
}
