// Free-port helpers against the real kernel: no two answers alike, each one really free.
import net from "node:net";
import { describe, expect, it } from "vitest";
import { getFreePort, getFreeUdpPort, isPortFree, PORT_CHECK_HOSTS } from "./ports.ts";

describe("getFreePort", () => {
  it("never hands out the same port twice, and each is free on 127.0.0.1 and 0.0.0.0", async () => {
    const ports: number[] = [];
    for (let i = 0; i < 20; i++) ports.push(await getFreePort());
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) expect(await isPortFree(port, PORT_CHECK_HOSTS)).toBe(true);
  });

  it("isPortFree sees a listener bound to loopback only", async () => {
    const port = await getFreePort();
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    try {
      expect(await isPortFree(port)).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("getFreeUdpPort", () => {
  it("never hands out the same UDP port twice", async () => {
    const ports = [await getFreeUdpPort(), await getFreeUdpPort(), await getFreeUdpPort()];
    expect(new Set(ports).size).toBe(3);
  });
});
