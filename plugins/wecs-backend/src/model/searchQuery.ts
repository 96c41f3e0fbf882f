import { InputError } from '@backstage/errors';
import { LabelPredicate, labelSelectorPredicate } from './labelSelector';
import { checkNameFilter, NAME_PATTERN, UID_PATTERN } from './validation';

/** What a search looks for: a name, labels, or one object; each unset part matches all. */
export interface SearchQuery {
  /** Lower-case substring of the name. */
  name?: string;
  labels?: LabelPredicate;
  object?: { cluster: string; uid: string };
}

/** Matches a search answers with when the client does not say. */
export const DEFAULT_SEARCH_LIMIT = 100;
/** The furthest match a search may start from: far beyond any fleet, small enough to be safe. */
export const MAX_SEARCH_OFFSET = 100_000_000;

/**
 * A search as a client asks for it (a query string's or a socket message's values), validated:
 * `name` (a part of names, any case), `selector` (a label selector, full syntax) and `object`
 * (`<cluster>/<uid>`), at least one of them.
 */
export function searchQueryOf(asked: {
  name?: unknown;
  selector?: unknown;
  object?: unknown;
}): SearchQuery {
  const name = checkNameFilter(asked.name)?.toLowerCase();
  const { selector } = asked;
  if (selector !== undefined && typeof selector !== 'string') {
    throw new InputError('selector must be one label selector');
  }
  const labels = selector ? labelSelectorPredicate(selector) : undefined;
  let object: SearchQuery['object'];
  if (asked.object !== undefined && asked.object !== '') {
    const [cluster, uid, ...rest] =
      typeof asked.object === 'string' ? asked.object.split('/') : [];
    if (
      !cluster ||
      !uid ||
      rest.length ||
      !NAME_PATTERN.test(cluster) ||
      !UID_PATTERN.test(uid)
    ) {
      throw new InputError('object must be <cluster>/<uid>');
    }
    object = { cluster, uid };
  }
  if (!name && !labels && !object) {
    throw new InputError(
      'Search for something: name=, selector= (a label selector) or object=<cluster>/<uid>',
    );
  }
  return {
    ...(name ? { name } : {}),
    ...(labels ? { labels } : {}),
    ...(object ? { object } : {}),
  };
}
