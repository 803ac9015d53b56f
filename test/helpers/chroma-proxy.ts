import { createConnection, createServer, type Server, type Socket } from "node:net";

/** A TCP proxy in front of the real test Chroma that can be cut and restored, for a real network outage. */
export class ChromaProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private port = 0;
  constructor(private readonly target: URL) {}
  async up(): Promise<number> {
    this.server = createServer((client) => {
      const upstream = createConnection(Number(this.target.port), this.target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    this.port = await new Promise<number>((resolve) =>
      this.server!.listen(this.port, "127.0.0.1", () => resolve((this.server!.address() as { port: number }).port)),
    );
    return this.port;
  }
  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}
