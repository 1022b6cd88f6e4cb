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
}

export enum InvoiceStatus {
  OPEN = 'OPEN',
  SETTLED = 'SETTLED',
  CANCELLED = 'CANCELLED',
}
