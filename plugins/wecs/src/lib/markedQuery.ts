/**
 * What of a search query a label marks: the query as the label holds it (trimmed, lower
 * case), else `''`. Two queries that mark a label alike leave its row as it is drawn.
 */
export function markedQuery(label: string, query: string): string {
  const needle = query.trim().toLowerCase();
  return needle && label.toLowerCase().includes(needle) ? needle : '';
}
