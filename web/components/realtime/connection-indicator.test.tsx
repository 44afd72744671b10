// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { IntlWrapper } from "../../../tests/helpers/intl";
import { ConnectionIndicator } from "./connection-indicator";

afterEach(cleanup);

// Without a RealtimeProvider the state is "initialized": connecting.
describe("ConnectionIndicator", () => {
  it("says its state in English", () => {
    render(
      <IntlWrapper>
        <ConnectionIndicator />
      </IntlWrapper>,
    );
    const indicator = screen.getByRole("status");
    expect(indicator.textContent).toBe("Realtime connection: Connecting");
    expect(indicator.getAttribute("title")).toBe("Realtime connection: initialized");
    expect(indicator.dataset.state).toBe("reconnecting");
  });

  it("and in German", () => {
    render(
      <IntlWrapper locale="de">
        <ConnectionIndicator />
      </IntlWrapper>,
    );
    const indicator = screen.getByRole("status");
    expect(indicator.textContent).toBe("Echtzeitverbindung: Verbindet");
    expect(indicator.getAttribute("title")).toBe("Echtzeitverbindung: initialisiert");
  });
});
