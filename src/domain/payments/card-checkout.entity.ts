import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Participant } from '../ats/programme/participant.entity';
import { Member } from '../membership/member.entity';
import { Invoice } from './invoice.entity';
import { PaymentAccount } from './payment-account.entity';
import { Payment } from './payment.entity';
import { CheckoutStatus, PayerKind } from './payment.enums';

/**
 * ATS-16 / DEC-P4: a card checkout started with the payment provider for an amount. Nothing is paid until the
 * provider's signature-verified event names it; then the payment is recorded once, by the provider's payment id.
 */
@Entity('card_checkout')
@Index(['participantId', 'createdAt'])
@Index('UQ_card_checkout_provider_checkout', ['provider', 'providerCheckoutId'], { unique: true })
@Check('CHK_card_checkout_amount_positive', `"amount_pence" > 0`)
@Check('CHK_card_checkout_status', `"status" IN ('OPEN', 'COMPLETED', 'FAILED')`)
@Check('CHK_card_checkout_completed_has_payment', `"status" <> 'COMPLETED' OR "payment_id" IS NOT NULL`)
export class CardCheckout {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The member's idempotency key: the same key returns the same checkout. */
  @Column({ type: 'varchar', length: 100, unique: true }) idempotencyKey: string;
  /** `sandbox` or `stripe`. */
  @Column({ type: 'varchar', length: 20 }) provider: string;
  /** The provider's checkout id (a Stripe Checkout Session id, `cs_...`). */
  @Column({ type: 'varchar', length: 255 }) providerCheckoutId: string;
  /** The provider's payment id (`pi_...`), known once the payment succeeded. */
  @Column({ type: 'varchar', length: 255, nullable: true }) providerPaymentId: string | null;
  @ManyToOne(() => PaymentAccount, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: PaymentAccount;
  @Column({ type: 'uuid' }) accountId: string;
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;
  @Column({ type: 'uuid' }) participantId: string;
  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: Member;
  @Column({ type: 'uuid' }) memberId: string;
  /** What the checkout asks the provider to take, in pence. */
  @Column({ type: 'int' }) amountPence: number;
  /** DEC-P3: an employer invoice this card payment settles. */
  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;
  @Column({ type: 'uuid', nullable: true }) invoiceId: string | null;
  @Column({ type: 'varchar', length: 12 }) payerKind: PayerKind;
  @Column({ type: 'varchar', length: 200, nullable: true }) payerName: string | null;
  @Column({ type: 'varchar', length: 320, nullable: true }) payerEmail: string | null;
  @Column({ type: 'varchar', length: 10 }) status: CheckoutStatus;
  @Column({ type: 'text', nullable: true }) checkoutUrl: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) clientSecret: string | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ type: 'text', nullable: true }) failureReason: string | null;
  @ManyToOne(() => Payment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payment_id' })
  payment?: Payment;
  @Column({ type: 'uuid', nullable: true }) paymentId: string | null;
}
