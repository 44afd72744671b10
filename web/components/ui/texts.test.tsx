// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { IntlWrapper } from "../../../tests/helpers/intl";
import type { Locale } from "@/i18n/locales";
import { Badge } from "./card";
import { LoadMore } from "./load-more";

afterEach(cleanup);

const more = { hasMore: true, loadingMore: false, loadMore: () => {} };

function inLocale(locale: Locale, ui: React.ReactNode) {
  return render(<IntlWrapper locale={locale}>{ui}</IntlWrapper>);
}

describe("LoadMore", () => {
  it("names a known list in the page's language and keeps its test id", () => {
    inLocale("en", <LoadMore list={more} what="payments" />);
    expect(screen.getByTestId("load-more-payments").textContent).toBe("Load more payments");
    cleanup();
    inLocale("de", <LoadMore list={{ ...more, error: new Error("x") }} what="payments" />);
    expect(screen.getByTestId("load-more-payments").textContent).toBe("Weitere Zahlungen laden");
    expect(screen.getByRole("alert").textContent).toBe(
      "Weitere Zahlungen konnten nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    );
  });

  it("shows any other name as given", () => {
    inLocale("de", <LoadMore list={more} what="Einträge" />);
    expect(screen.getByRole("button").textContent).toBe("Weitere Einträge laden");
  });
});

describe("Badge", () => {
  it("says a known status in the page's language, anything else lower-cased", () => {
    inLocale("en", <Badge value="PENDING" testId="en" />);
    inLocale("de", <Badge value="excused" testId="de" />);
    inLocale("de", <Badge value="SOMETHING" testId="other" />);
    expect(screen.getByTestId("en").textContent).toBe("pending");
    expect(screen.getByTestId("de").textContent).toBe("entschuldigt");
    expect(screen.getByTestId("other").textContent).toBe("something");
  });
});
