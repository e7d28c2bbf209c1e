import net from "node:net";

/**
 * A port nobody listens on now, chosen by the kernel. Tests that start servers use it instead of a random
 * number in a fixed range: several test files start servers at the same time, and two ranges that overlap
 * let one test's health check reach another test's server.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net
      .createServer()
      .listen(0, "127.0.0.1", () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      })
      .on("error", reject);
  });
}
