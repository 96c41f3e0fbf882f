import { TablePagination } from '@material-ui/core';
import { useEffect } from 'react';
import { useUrlPage } from '../../hooks/useUrlPage';
import { useUrlParams } from '../../hooks/useUrlParams';

/**
 * The pages of a list the backend pages ({@link useUrlPage}): previous and next, and the page
 * size when `sizes` offers more than one; shown once the list is longer than a page. A page
 * past the last (the list got shorter) turns into the last.
 */
export const UrlPager = ({
  total,
  loaded,
  sizes,
  label,
}: {
  /** How many items the list has in all. */
  total: number;
  /** Whether `total` is the backend's answer for the page asked for. */
  loaded: boolean;
  sizes: readonly number[];
  /** What the size choice is called, e.g. "Workloads per page". */
  label?: string;
}) => {
  const [, update] = useUrlParams();
  const { page, pageSize } = useUrlPage(sizes);
  const lastPage = Math.max(0, Math.ceil(total / pageSize) - 1);
  useEffect(() => {
    if (loaded && page > lastPage)
      update({ page: lastPage ? String(lastPage) : undefined });
  }, [loaded, page, lastPage, update]);
  if (total <= sizes[0]) return null;
  return (
    <TablePagination
      component="div"
      count={total}
      page={Math.min(page, lastPage)}
      rowsPerPage={pageSize}
      rowsPerPageOptions={sizes.length > 1 ? [...sizes] : []}
      {...(label ? { labelRowsPerPage: label } : {})}
      onPageChange={(_, next) =>
        update({ page: next ? String(next) : undefined })
      }
      onRowsPerPageChange={event =>
        update({
          size:
            Number(event.target.value) === sizes[0]
              ? undefined
              : event.target.value,
          page: undefined,
        })
      }
    />
  );
};
