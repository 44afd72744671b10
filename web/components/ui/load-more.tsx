import { Button } from "@/components/ui/button";

/** The "load more" line under a paged list: the button while more exist, else nothing. */
export function LoadMore({
  list,
  what,
}: {
  list: { hasMore: boolean; loadingMore: boolean; loadMore: () => void; error?: unknown };
  /** What the list holds, for the button's name ("payments"). */
  what: string;
}) {
  if (!list.hasMore && !list.error) return null;
  return (
    <div className="mt-3 flex flex-col items-center gap-1">
      {list.error ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load more {what}. Check your connection and try again.
        </p>
      ) : null}
      <Button
        variant="secondary"
        onClick={list.loadMore}
        disabled={list.loadingMore}
        data-testid={`load-more-${what.replaceAll(" ", "-")}`}
      >
        {list.loadingMore ? "Loading…" : `Load more ${what}`}
      </Button>
    </div>
  );
}
