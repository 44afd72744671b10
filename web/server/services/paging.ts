import "server-only";

/** A page of a list: its items and the cursor of the next page (null on the last). */
export type Page<T> = { items: T[]; nextCursor: string | null };

/**
 * The Prisma arguments of one page in cursor paging: one row more than asked, to know whether
 * a next page exists, starting after the row `cursor` (an id) when given. The order must end
 * in `id` so it is total.
 */
export const pageArgs = (page: { cursor?: string; limit: number }) => ({
  take: page.limit + 1,
  ...(page.cursor && { cursor: { id: page.cursor }, skip: 1 }),
});

/** Cuts the extra row pageArgs asked for and names the next page's cursor. */
export function toPage<R extends { id: string }, T>(
  rows: R[],
  limit: number,
  view: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { items: items.map(view), nextCursor: more ? items.at(-1)!.id : null };
}

/** The response header of a paged list that stays a bare JSON array (docs/api.md, "Paging"). */
export const NEXT_CURSOR_HEADER = "X-Next-Cursor";
