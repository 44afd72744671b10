import { describe, expect, it } from "vitest";
import { sumMetric } from "./soketi-metrics";

const TEXT = `# HELP soketi_connected The number of currently connected sockets.
# TYPE soketi_connected gauge
soketi_connected{app_id="a",port="6001"} 12
soketi_connected{app_id="b",port="6001"} 3
soketi_ws_messages_sent_total{app_id="a"} 4.5e3
soketi_connected_other 99
`;

describe("sumMetric", () => {
  it("sums every label set of one metric and ignores comments and other names", () => {
    expect(sumMetric(TEXT, "soketi_connected")).toBe(15);
    expect(sumMetric(TEXT, "soketi_ws_messages_sent_total")).toBe(4500);
    expect(sumMetric(TEXT, "soketi_missing")).toBe(0);
  });
});
