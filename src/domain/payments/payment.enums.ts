/** ATS-16: how a payment reached SET. ONLINE and PHONE are card payments; DIRECT_DEBIT collects an instalment; BACS settles an invoice. */
export enum PaymentChannel {
  ONLINE = 'ONLINE',
  PHONE = 'PHONE',
  DIRECT_DEBIT = 'DIRECT_DEBIT',
  BACS = 'BACS',
}

/** ATS-15: what a schedule item is for. */
export enum ScheduleItemKind {
  /** SINGLE: the whole fee by card at registration. */
  FULL_PAYMENT = 'FULL_PAYMENT',
  /** DIRECT_DEBIT: the card payment at registration (fee − 6 × £100). */
  INITIAL_PAYMENT = 'INITIAL_PAYMENT',
  /** DIRECT_DEBIT: one of six £100 monthly instalments (DEC-P1). */
  DIRECT_DEBIT_INSTALMENT = 'DIRECT_DEBIT_INSTALMENT',
  /** EMPLOYER_INVOICE: the invoice the employer settles by BACS. */
  INVOICE = 'INVOICE',
}

export enum ScheduleItemStatus {
  PENDING = 'PENDING',
  PAID = 'PAID',
  /** ATS-20 / DEC-P2: cancelled on a cooling-off withdrawal. */
  CANCELLED = 'CANCELLED',
  /** ATS-45: FINANCE wrote the balance off after SET withdrew the participant. */
  WRITTEN_OFF = 'WRITTEN_OFF',
}

export enum InvoiceStatus {
  OPEN = 'OPEN',
  SETTLED = 'SETTLED',
  CANCELLED = 'CANCELLED',
  /** ATS-45: written off by FINANCE after SET withdrew the participant. */
  WRITTEN_OFF = 'WRITTEN_OFF',
}

/** DEC-P5: who paid a payment, so its refund goes back to them. */
export enum PayerKind {
  PARTICIPANT = 'PARTICIPANT',
  EMPLOYER = 'EMPLOYER',
}

/** DEC-P5: why money went back. */
export enum RefundKind {
  /** ATS-20 / DEC-P2 (and ATS-45 in cooling off): everything paid, on withdrawal. */
  FULL_REFUND = 'FULL_REFUND',
  /** DEC-P5: money received beyond what was owed, refunded by FINANCE. */
  CREDIT = 'CREDIT',
}

/** ATS-16 / DEC-P4: a card checkout started with the payment provider. */
export enum CheckoutStatus {
  /** Waiting for the member to pay at the provider. */
  OPEN = 'OPEN',
  /** The provider's verified event arrived; the payment is recorded. */
  COMPLETED = 'COMPLETED',
  /** The provider reported the payment failed or the checkout expired; nothing was taken. */
  FAILED = 'FAILED',
}

/** ATS-45: what FINANCE decided about the balance left when SET withdrew a participant after cooling off. */
export enum BalanceDecision {
  /** Open instalments and invoices are written off; nothing more is owed. */
  WRITE_OFF = 'WRITE_OFF',
  /** The balance stays owed (no longer collected by instalments); FINANCE pursues it. */
  KEEP = 'KEEP',
}

/** DEC-P3: the kinds of amount Finance sees overdue on their own due dates. */
export enum OverdueItemKind {
  /** The card payment due at registration (SINGLE's full payment, DIRECT_DEBIT's initial payment). */
  REGISTRATION_PAYMENT = 'REGISTRATION_PAYMENT',
  /** A direct-debit instalment not collected by its date (DEC-P1). */
  DIRECT_DEBIT_INSTALMENT = 'DIRECT_DEBIT_INSTALMENT',
  /** An employer invoice past its due date (DEC-P3: 30 days after the portfolio issue date). */
  INVOICE = 'INVOICE',
}
