import type { DataSource, EntityManager } from 'typeorm';
import { DEMO_USER, OPERATOR_DEMO_USER, OTHER_DEMO_USER } from '../auth/demo-accounts';
import { createUser, type Passwords } from '../auth/user-admin';
import type { TenantRole } from '../contracts/tenant';
import { Tenant } from '../tenant/tenant.entity';
import { TenantMember } from '../tenant/tenant-member.entity';
import { createTenant } from '../tenant/tenant-admin';

// What a newcomer sees after `npm start`: three users and seven tenants mapped onto the demo Odoo's
// databases. The demo user holds every role somewhere (owner, admin, member), and ops@example.com
// is a platform operator. Safe to run on every start: it adds what is missing and puts the demo
// accounts' roles back.

interface DemoTenant {
  name: string;
  database: string;
  isActive: boolean;
  /** Which demo users belong to it, with their role; the first listed tenant of a user is their default. */
  members: Array<{ user: typeof DEMO_USER; role: TenantRole }>;
}

const DEMO_TENANTS: DemoTenant[] = [
  { name: 'Acme Corp', database: 'acme', isActive: true, members: [{ user: DEMO_USER, role: 'owner' }] },
  { name: 'Globex', database: 'globex', isActive: true, members: [{ user: DEMO_USER, role: 'member' }] },
  { name: 'Initech', database: 'initech', isActive: true, members: [{ user: DEMO_USER, role: 'admin' }] },
  { name: 'Umbrella', database: 'umbrella', isActive: true, members: [{ user: DEMO_USER, role: 'owner' }] },
  { name: 'Stark Industries', database: 'stark', isActive: true, members: [{ user: DEMO_USER, role: 'member' }] },
  { name: 'Soylent', database: 'acme', isActive: false, members: [{ user: DEMO_USER, role: 'member' }] },
  { name: 'Wonka', database: 'globex', isActive: true, members: [{ user: OTHER_DEMO_USER, role: 'owner' }] },
];

export async function seedDemoData(dataSource: DataSource, passwords: Passwords): Promise<void> {
  await dataSource.transaction(async (tx) => {
    // Serialise concurrent seeders (several instances starting at once).
    await tx.query('SELECT pg_advisory_xact_lock(724310002)');
    const userIds = new Map<string, string>();
    for (const user of [DEMO_USER, OTHER_DEMO_USER, OPERATOR_DEMO_USER]) userIds.set(user.email, await ensureUser(tx, passwords, user));
    await tx.query(`UPDATE "user" SET "isOperator" = true, "updatedAt" = now() WHERE id = $1 AND NOT "isOperator"`, [userIds.get(OPERATOR_DEMO_USER.email)]);
    const withDefault = new Set<string>();
    for (const demo of DEMO_TENANTS) {
      const tenant = await ensureTenant(tx, demo);
      for (const { user, role } of demo.members) {
        const userId = userIds.get(user.email)!;
        const isDefault = !withDefault.has(userId);
        withDefault.add(userId);
        await ensureMember(tx, userId, tenant.id, isDefault, role);
      }
    }
  });
}

async function ensureUser(tx: EntityManager, passwords: Passwords, user: typeof DEMO_USER): Promise<string> {
  const rows: Array<{ id: string }> = await tx.query('SELECT id FROM "user" WHERE email = $1', [user.email]);
  if (rows.length) return rows[0].id;
  return (await createUser(passwords, tx, user)).userId;
}

async function ensureTenant(tx: EntityManager, demo: DemoTenant): Promise<Tenant> {
  const existing = await tx.findOneBy(Tenant, { name: demo.name });
  return existing ?? createTenant(tx, { name: demo.name, isActive: demo.isActive, odooDatabase: demo.database });
}

async function ensureMember(tx: EntityManager, userId: string, tenantId: string, isDefault: boolean, role: TenantRole): Promise<void> {
  const existing = await tx.findOneBy(TenantMember, { userId, tenantId });
  if (existing) {
    if (existing.role !== role) await tx.update(TenantMember, { id: existing.id }, { role });
    return;
  }
  const hasDefault = await tx.existsBy(TenantMember, { userId, isDefault: true });
  await tx.save(tx.create(TenantMember, { userId, tenantId, isDefault: isDefault && !hasDefault, role }));
}
