import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A staff identity: tokens name it as subject. No passwords are stored here; an identity provider issues tokens. */
@Entity('staff_user')
export class StaffUser {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 120 }) displayName: string;
  @Column({ type: 'varchar', length: 320, unique: true }) email: string;
  @Column({ type: 'text', array: true }) roles: string[];
  @Column({ type: 'boolean', default: true }) active: boolean;
}
