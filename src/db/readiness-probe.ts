import { Client, type ClientConfig } from 'pg';

export interface ReadinessResult {
  ready: boolean;
  /** Short reason when not ready: `timeout`, a SQLSTATE or socket code. */
  reason?: string;
}

/**
 * /readyz's own view of the database (issue 8): one dedicated connection outside the pool, so a pool exhausted by slow
 * requests or a mail relay cannot starve it, and every check raced against a timer so a frozen server gets a 503 within
 * `timeoutMs` instead of no answer. Concurrent checks share the one in flight. A connection that timed out or failed is
 * thrown away and the next check opens a fresh one.
 */
export class ReadinessProbe {
  private client: Client | null = null;
  private inFlight: Promise<ReadinessResult> | null = null;
  private closed = false;

  constructor(
    private readonly connection: ClientConfig,
    private readonly timeoutMs: number,
  ) {}

  check(): Promise<ReadinessResult> {
    if (this.closed) return Promise.resolve({ ready: false, reason: 'closed' });
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async run(): Promise<ReadinessResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ReadinessResult>((resolve) => {
      timer = setTimeout(() => resolve({ ready: false, reason: 'timeout' }), this.timeoutMs);
    });
    const attempt = (async (): Promise<ReadinessResult> => {
      const client = await this.connected();
      await client.query('SELECT 1');
      return { ready: true };
    })().catch((error: { code?: unknown }) => ({ ready: false, reason: typeof error?.code === 'string' ? error.code : 'error' }));
    const result = await Promise.race([attempt, timeout]);
    clearTimeout(timer);
    if (!result.ready) this.discard();
    return result;
  }

  private async connected(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ ...this.connection, connectionTimeoutMillis: this.timeoutMs, application_name: 'set-professional-status-api readyz', statement_timeout: this.timeoutMs });
    client.on('error', () => this.discard(client));
    this.client = client;
    try {
      await client.connect();
    } catch (error) {
      this.discard(client);
      throw error;
    }
    return client;
  }

  /** Drops the connection without waiting for a server that may never answer. */
  private discard(client: Client | null = this.client): void {
    if (!client) return;
    if (this.client === client) this.client = null;
    const stream = (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
    stream?.destroy();
    client.end().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.discard();
  }
}

/** The probe's connection settings, taken from the TypeORM data source's options (a URL or separate fields). */
export function probeConnectionOf(options: { url?: string; host?: string; port?: number; username?: string; password?: unknown; database?: string }): ClientConfig {
  if (options.url) return { connectionString: options.url };
  return { host: options.host, port: options.port, user: options.username, password: typeof options.password === 'string' ? options.password : undefined, database: options.database };
}
