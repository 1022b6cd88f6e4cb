import net from 'node:net';

export type ProxyState = 'up' | 'frozen' | 'down';

/**
 * A TCP proxy in front of PostgreSQL that injects database faults without touching the server other tests share:
 * - `frozen`: connections stay open but no byte passes either way, and new ones are accepted and left waiting, like a
 *   server stopped with SIGSTOP or a network path that went silent;
 * - `down`: every connection is cut and new ones are refused (nothing listens), like a server that stopped;
 * - `up`: traffic flows (held bytes are delivered when a freeze ends).
 */
export class FaultProxy {
  private server: net.Server | null = null;
  private readonly pairs = new Set<{ client: net.Socket; upstream: net.Socket | null; held: { toUpstream: Buffer[]; toClient: Buffer[] } }>();
  state: ProxyState = 'up';
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  static forUrl(url: string): FaultProxy {
    const u = new URL(url);
    return new FaultProxy(u.hostname, Number(u.port || 5432));
  }

  /** The same URL, through this proxy. */
  via(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  async start(port = 0): Promise<this> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  private accept(client: net.Socket): void {
    const pair = { client, upstream: null as net.Socket | null, held: { toUpstream: [] as Buffer[], toClient: [] as Buffer[] } };
    this.pairs.add(pair);
    const close = () => {
      client.destroy();
      pair.upstream?.destroy();
      this.pairs.delete(pair);
    };
    client.on('error', close);
    client.on('close', close);
    client.on('data', (chunk: Buffer) => {
      if (this.state === 'frozen' || !pair.upstream) pair.held.toUpstream.push(chunk);
      else pair.upstream.write(chunk);
    });
    const connectUpstream = () => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      pair.upstream = upstream;
      upstream.on('error', close);
      upstream.on('close', close);
      upstream.on('data', (chunk: Buffer) => {
        if (this.state === 'frozen') pair.held.toClient.push(chunk);
        else client.write(chunk);
      });
      upstream.on('connect', () => this.flush(pair));
    };
    if (this.state === 'up') connectUpstream();
    else (pair as { pending?: () => void }).pending = connectUpstream;
  }

  private flush(pair: { client: net.Socket; upstream: net.Socket | null; held: { toUpstream: Buffer[]; toClient: Buffer[] } }): void {
    if (this.state !== 'up') return;
    if (pair.upstream) for (const c of pair.held.toUpstream.splice(0)) pair.upstream.write(c);
    for (const c of pair.held.toClient.splice(0)) pair.client.write(c);
  }

  freeze(): void {
    this.state = 'frozen';
  }

  /** Cuts every connection and refuses new ones. */
  async down(): Promise<void> {
    this.state = 'down';
    for (const pair of [...this.pairs]) {
      pair.client.destroy();
      pair.upstream?.destroy();
    }
    this.pairs.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  /** Lets traffic flow again (listening again on the same port after `down`). */
  async up(): Promise<void> {
    const wasDown = this.state === 'down';
    this.state = 'up';
    if (wasDown) await this.start(this.port);
    for (const pair of this.pairs) {
      const pending = (pair as { pending?: () => void }).pending;
      if (pending) {
        delete (pair as { pending?: () => void }).pending;
        pending();
      } else this.flush(pair);
    }
  }

  async stop(): Promise<void> {
    await this.down();
  }
}
