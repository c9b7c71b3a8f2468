import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { TenantRole } from '../contracts/tenant';
import { Tenant } from './tenant.entity';
import { User } from '../auth/user.entity';

@Entity('tenantMember')
export class TenantMember {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  userId: string;

  @Column('uuid')
  tenantId: string;

  @Column('boolean', { default: false })
  isDefault: boolean;

  @Column('text', { default: 'member' })
  role: TenantRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenantId' })
  tenant?: Tenant;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;
}
