/** The one source of "now". Everything that needs the time takes a Clock. */
export interface Clock {
  now(): Date;
}

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** A fixed clock for unit tests. */
export class FixedClock implements Clock {
  constructor(private instant: Date) {}
  now(): Date {
    return new Date(this.instant.getTime());
  }
  set(instant: Date): void {
    this.instant = new Date(instant.getTime());
  }
}

/**
 * DEC-T2: a server clock an ADMIN can move outside production, like Stripe's test clocks.
 * Time keeps running from the instant it was set to, so timeouts and ordering still behave.
 */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: Clock = new SystemClock()) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
  setNow(instant: Date): void {
    this.offsetMs = instant.getTime() - this.base.now().getTime();
  }
  reset(): void {
    this.offsetMs = 0;
  }
  /** The shift from the base clock, in ms: what is stored in the database so every instance shares it (issue 8). */
  get offset(): number {
    return this.offsetMs;
  }
  setOffset(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }
  get isShifted(): boolean {
    return this.offsetMs !== 0;
  }
}
