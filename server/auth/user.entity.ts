import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Better Auth's user table, mapped read-mostly so memberships can reference it.
 *  Better Auth owns its shape; the migrations create it and TypeORM never alters it. */
@Entity('user', { synchronize: false })
export class User {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  email: string;

  @Column('boolean')
  emailVerified: boolean;

  @Column('timestamptz', { nullable: true })
  disabledAt: Date | null;

  /** Platform operator (the console); set with `user:set-operator`. */
  @Column('boolean', { default: false })
  isOperator: boolean;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;
}
