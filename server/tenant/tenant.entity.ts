import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { OdooTransport } from '../odoo/odoo-connection';

/** Last result of an Odoo connection check, shown by `tenant:list`. */
export interface OdooLastCheck {
  at: string;
  ok: boolean;
  summary: string;
}

@Entity('tenant')
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('boolean', { default: true })
  isActive: boolean;

  @Column('text', { default: 'UTC' })
  timeZone: string;

  @Column('text', { default: 'en_US' })
  lang: string;

  @Column('text', { nullable: true })
  odooUrl: string | null;

  @Column('text', { nullable: true })
  odooDatabase: string | null;

  @Column('text', { nullable: true })
  odooLogin: string | null;

  /** Encrypted at rest (see SecretBox); never selected into logs. */
  @Column('text', { nullable: true })
  odooSecret: string | null;

  @Column('text', { default: 'auto' })
  odooTransport: OdooTransport;

  @Column('int', { array: true, nullable: true })
  odooCompanyIds: number[] | null;

  /** Where users open this Odoo in a browser; null: the same as odooUrl. */
  @Column('text', { nullable: true })
  odooPublicUrl: string | null;

  @Column('jsonb', { nullable: true })
  odooLastCheck: OdooLastCheck | null;

  /** cli: may fall back to the server's own Odoo connection; api: a self-service workspace, which never does. */
  @Column('text', { default: 'cli' })
  createdVia: 'cli' | 'api';

  /** Who saved the current Odoo connection; one saved through the API follows ODOO_ALLOW_PRIVATE_HOSTS. */
  @Column('text', { nullable: true })
  odooSetVia: 'cli' | 'api' | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
