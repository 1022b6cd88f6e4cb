import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A machine client with its own credentials, such as the Chartered College of Teaching (ATS-49). */
@Entity('api_client')
export class ApiClient {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 120, unique: true }) name: string;
  @Column({ type: 'text', array: true }) roles: string[];
  @Column({ type: 'boolean', default: true }) active: boolean;
}
