import { afterEach, describe, expect, it, vi } from "vitest";
import { CLI_USER, main, parseCliArgs, serverSettings, UsageError, USAGE } from "./realtime-cli.ts";

const id = "cabcdefghijklmnopqrstuvwx";

describe("realtime-cli arguments", () => {
  it("shows help without arguments or with --help", () => {
    expect(parseCliArgs([])).toEqual({ command: "help" });
    expect(parseCliArgs(["--help"])).toEqual({ command: "help" });
    expect(parseCliArgs(["help"])).toEqual({ command: "help" });
  });

  it("accepts a valid send and adds eventId and occurredAt", () => {
    const parsed = parseCliArgs(
      ["send", `private-user-${id}`, "dashboard-update", '{"scope":"all"}'],
      {
        generateId: () => "cli-1",
      },
    );
    expect(parsed).toMatchObject({
      command: "send",
      prepared: { channels: [`private-user-${id}`], event: "dashboard-update", eventId: "cli-1" },
    });
    if (parsed.command !== "send") return;
    expect(JSON.parse(parsed.prepared.data)).toMatchObject({ scope: "all", eventId: "cli-1" });
    expect(Date.parse(parsed.prepared.occurredAt)).not.toBeNaN();
  });

  it("keeps an eventId given in the payload", () => {
    const parsed = parseCliArgs([
      "send",
      "private-admin-dashboard",
      "dashboard-update",
      '{"scope":"all","eventId":"mine"}',
    ]);
    expect(parsed.command === "send" && parsed.prepared.eventId).toBe("mine");
  });

  it.each([
    [["send"], /send takes <channel> <event> \[json\], got 0/],
    [["send", "public-announcements"], /got 1/],
    [["send", "a", "b", "c", "d"], /got 4/],
    [["send", "private-user-1", "dashboard-update"], /not a LiveCampus channel/],
    [["send", `private-user-${id} `, "dashboard-update", "{}"], /not a LiveCampus channel/],
    [["send", `private-user-${id}`, "dashboard-update", "{scope: all}"], /not valid JSON/],
    [["send", `private-user-${id}`, "dashboard-update", "[]"], /payload must be an object/],
    [["send", `private-user-${id}`, "no-such-event", "{}"], /Unknown event "no-such-event"/],
    [["send", `private-user-${id}`, "new-announcement", "{}"], /may not be published on/],
    [["send", `private-user-${id}`, "dashboard-update", '{"scope":"everything"}'], /scope/],
    [
      ["send", `private-user-${id}`, "dashboard-update", '{"scope":"all","x":1}'],
      /Unrecognized key/,
    ],
    [["listen"], /at least one <channel>/],
    [
      ["listen", "public-announcements", "private-nope"],
      /"private-nope" is not a LiveCampus channel/,
    ],
    [["publish", "x"], /unknown command "publish"/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it("rejects a payload over 10 KB", () => {
    const stats = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`k${i}`, "x".repeat(400)]),
    );
    expect(() =>
      parseCliArgs(["send", "private-admin-dashboard", "stats-update", JSON.stringify({ stats })]),
    ).toThrow(/over the 10240-byte limit/);
  });

  it("de-duplicates listen channels", () => {
    expect(
      parseCliArgs([
        "listen",
        "public-announcements",
        "public-announcements",
        `presence-course-${id}`,
      ]),
    ).toEqual({
      command: "listen",
      channels: ["public-announcements", `presence-course-${id}`],
    });
  });

  it("uses the development defaults", () => {
    expect(serverSettings({})).toEqual({
      appId: "livecampus",
      key: "livecampus-key",
      secret: "livecampus-secret",
      host: "127.0.0.1",
      port: 6001,
      useTLS: false,
      cluster: "mt1",
    });
    expect(
      serverSettings({ PUSHER_PORT: "7001", PUSHER_USE_TLS: "true", PUSHER_HOST: "rt" }),
    ).toMatchObject({
      port: 7001,
      useTLS: true,
      host: "rt",
    });
    expect(() => serverSettings({ PUSHER_PORT: "x" })).toThrow(UsageError);
  });

  it("has a cuid-shaped synthetic user", () => {
    expect(CLI_USER.id).toMatch(/^c[a-z0-9]{24}$/);
  });
});

describe("realtime-cli main", () => {
  afterEach(() => vi.restoreAllMocks());

  it("prints usage and exits 2 on a usage error", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await main(["send", "nope", "dashboard-update"], {})).toBe(2);
    expect(String(error.mock.calls[0]?.[0])).toContain('error: "nope" is not a LiveCampus channel');
    expect(String(error.mock.calls[0]?.[0])).toContain(USAGE);
  });

  it("prints usage and exits 0 for help", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    expect(await main([], {})).toBe(0);
    expect(log).toHaveBeenCalledWith(USAGE);
  });
});
