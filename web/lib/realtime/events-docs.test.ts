// docs/realtime.md "Events" is the catalog as a table: this test renders the catalog and fails,
// printing the table to paste, when the docs and the code disagree.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { channelPrefix, channels, type ChannelFamily } from "./channels";
import { EVENT_NAMES, eventCatalog } from "./events";

const DOC = path.resolve(import.meta.dirname, "../../../docs/realtime.md");
const HEADER = ["event", "channels", "fields"];

function channelPattern(family: ChannelFamily): string {
  if (family === "admin-dashboard") return channels.adminDashboard();
  if (family === "public-announcements") return channels.publicAnnouncements();
  return `${channelPrefix(family)}{id}`;
}

function describeField(name: string, schema: z.ZodType): string {
  if (schema.safeParse(undefined).success) return `${name}?`;
  if (schema instanceof z.ZodEnum) return `${name} (${schema.options.join("/")})`;
  return name;
}

/** The rows the catalog implies: one per event, in catalog order. */
function catalogRows(): string[][] {
  return EVENT_NAMES.map((event) => {
    const { channels: families, data } = eventCatalog[event];
    const fields = Object.entries(data as z.ZodRawShape).map(([name, schema]) =>
      describeField(name, schema as z.ZodType),
    );
    return [
      `\`${event}\``,
      families.map((family) => `\`${channelPattern(family)}\``).join(", "),
      `\`${fields.join(", ")}\``,
    ];
  });
}

/** The cells of the first table under `## Events` (header and separator dropped). */
function documentedRows(markdown: string): string[][] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith("Events\n")) ?? "";
  const table = section.split("\n").filter((line) => line.startsWith("|"));
  const cells = table.map((line) =>
    line
      .slice(1, -1)
      .split("|")
      .map((cell) => cell.trim()),
  );
  expect(cells[0], "the Events table's header").toEqual(HEADER);
  return cells.slice(2);
}

const toMarkdown = (rows: string[][]) =>
  [HEADER, HEADER.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");

describe("docs/realtime.md", () => {
  it("lists every event of the catalog with its channels and fields", () => {
    const expected = catalogRows();
    const actual = documentedRows(readFileSync(DOC, "utf8"));
    expect(
      actual,
      `docs/realtime.md "Events" is out of date; replace its table with:\n\n${toMarkdown(expected)}\n`,
    ).toEqual(expected);
  });
});
