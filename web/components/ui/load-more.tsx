import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

// The lists whose name LoadMore says in the page's language (common.loadMore.lists).
const LISTS = ["attendance", "courses", "notifications", "payments", "scores"] as const;
type ListName = (typeof LISTS)[number];

function isListName(what: string): what is ListName {
  return (LISTS as readonly string[]).includes(what);
}

/** The "load more" line under a paged list: the button while more exist, else nothing. */
export function LoadMore({
  list,
  what,
}: {
  list: { hasMore: boolean; loadingMore: boolean; loadMore: () => void; error?: unknown };
  /**
   * What the list holds ("payments"): the button's test id, and its name, in the page's
   * language for the lists of common.loadMore.lists (any other text is shown as given).
   */
  what: string;
}) {
  const t = useTranslations("common.loadMore");
  if (!list.hasMore && !list.error) return null;
  const name = isListName(what) ? t(`lists.${what}`) : what;
  return (
    <div className="mt-3 flex flex-col items-center gap-1">
      {list.error ? (
        <p role="alert" className="text-sm text-red-700">
          {t("error", { what: name })}
        </p>
      ) : null}
      <Button
        variant="secondary"
        onClick={list.loadMore}
        disabled={list.loadingMore}
        data-testid={`load-more-${what.replaceAll(" ", "-")}`}
      >
        {list.loadingMore ? t("loading") : t("button", { what: name })}
      </Button>
    </div>
  );
}
