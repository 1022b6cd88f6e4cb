import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { PaymentPlan } from '../../src/domain/ats/programme/programme.enums';
import { DEMO_MEMBERS } from '../../src/db/demo-identities';
import type { TestApp } from './harness';
import { insertParticipant } from './payments';

export type RelayMode = 'accept' | 'hang' | 'refuse' | 'reject-recipient';

export interface ReceivedMail {
  to: string[];
  messageId: string;
  raw: string;
}

/**
 * A local SMTP relay (the `smtp-server` package, in-process, on a free port) whose behaviour a test switches:
 * `accept` takes every message; `hang` accepts the TCP connection and never greets; `refuse` answers 421 (try later);
 * `reject-recipient` refuses the address with 550 (permanent).
 */
export class TestRelay {
  mode: RelayMode = 'accept';
  readonly received: ReceivedMail[] = [];
  connections = 0;
  private readonly server: SMTPServer;
  private readonly hung: (() => void)[] = [];
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onConnect: (_session: SMTPServerSession, callback: (err?: Error) => void) => {
        this.connections++;
        if (this.mode === 'hang') return void this.hung.push(() => callback(new Error('bye')));
        if (this.mode === 'refuse') return callback(Object.assign(new Error('Service not available, try again later'), { responseCode: 421 }));
        callback();
      },
      onRcptTo: (address, _session, callback) => {
        if (this.mode === 'reject-recipient') return callback(Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: 550 }));
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const messageId = /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? '';
          this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), messageId, raw });
          callback();
        });
      },
    });
    this.server.on('error', () => undefined);
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Lets hung connections go (they get an error), so a test can finish. */
  releaseHung(): void {
    this.hung.splice(0).forEach((release) => release());
  }

  async stop(): Promise<void> {
    this.releaseHung();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A cohort and a registered participant with an open payment account (inserted directly, test/support/payments.ts). */
export function participantWithAccount(t: TestApp, memberId = DEMO_MEMBERS[0].id): Promise<string> {
  return insertParticipant(t, { memberId, plan: PaymentPlan.SINGLE, registrationDate: '2026-08-31', issueDate: '2027-01-04' });
}

export const RECORD_PAYMENT = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id amountPence } }`;

export function paymentInput(participantId: string, amountPence = 1000, idempotencyKey = `key-${randomUUID()}`) {
  return { input: { participantId, amountPence, channel: 'PHONE', idempotencyKey, providerReference: `ref-${idempotencyKey.slice(4, 16)}` } };
}

/** Resolves with `{ value, settledFirst }`: whether `work` settled before `other` did (ordering, not wall-clock time). */
export async function settlesBefore<T>(work: Promise<T>, other: Promise<unknown>): Promise<{ value: T; settledFirst: boolean }> {
  let otherDone = false;
  void other.then(
    () => (otherDone = true),
    () => (otherDone = true),
  );
  const value = await work;
  return { value, settledFirst: !otherDone };
}
