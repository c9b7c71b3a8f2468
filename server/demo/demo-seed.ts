import type { DataSource, EntityManager } from 'typeorm';
import type { Auth } from '../auth/better-auth';
import { DEMO_USER, OTHER_DEMO_USER } from '../auth/demo-accounts';
import { createUser } from '../auth/user-admin';
import { Tenant } from '../tenant/tenant.entity';
import { TenantMember } from '../tenant/tenant-member.entity';
import { createTenant } from '../tenant/tenant-admin';

// What a newcomer sees after `npm start`: two users and six tenants mapped onto the demo Odoo's
// databases. Safe to run on every start: it only adds what is missing.

interface DemoTenant {
  name: string;
  database: string;
  isActive: boolean;
  /** Which demo users belong to it; the first listed tenant of a user is their default. */
  members: Array<typeof DEMO_USER>;
}

export const DEMO_TENANTS: DemoTenant[] = [
  { name: 'Acme Corp', database: 'acme', isActive: true, members: [DEMO_USER] },
  { name: 'Globex', database: 'globex', isActive: true, members: [DEMO_USER] },
  { name: 'Initech', database: 'initech', isActive: true, members: [DEMO_USER] },
  { name: 'Umbrella', database: 'umbrella', isActive: true, members: [DEMO_USER] },
  { name: 'Soylent', database: 'acme', isActive: false, members: [DEMO_USER] },
  { name: 'Wonka', database: 'globex', isActive: true, members: [OTHER_DEMO_USER] },
];

export async function seedDemoData(dataSource: DataSource, auth: Auth): Promise<void> {
  await dataSource.transaction(async (tx) => {
    // Serialise concurrent seeders (several instances starting at once).
    await tx.query('SELECT pg_advisory_xact_lock(724310002)');
    const userIds = new Map<string, string>();
    for (const user of [DEMO_USER, OTHER_DEMO_USER]) userIds.set(user.email, await ensureUser(tx, auth, user));
    const withDefault = new Set<string>();
    for (const demo of DEMO_TENANTS) {
      const tenant = await ensureTenant(tx, demo);
      for (const member of demo.members) {
        const userId = userIds.get(member.email)!;
        const isDefault = !withDefault.has(userId);
        withDefault.add(userId);
        await ensureMember(tx, userId, tenant.id, isDefault);
      }
    }
  });
}

async function ensureUser(tx: EntityManager, auth: Auth, user: typeof DEMO_USER): Promise<string> {
  const rows: Array<{ id: string }> = await tx.query('SELECT id FROM "user" WHERE email = $1', [user.email]);
  if (rows.length) return rows[0].id;
  return (await createUser(auth, tx, user)).userId;
}

async function ensureTenant(tx: EntityManager, demo: DemoTenant): Promise<Tenant> {
  const existing = await tx.findOneBy(Tenant, { name: demo.name });
  return existing ?? createTenant(tx, { name: demo.name, isActive: demo.isActive, odooDatabase: demo.database });
}

async function ensureMember(tx: EntityManager, userId: string, tenantId: string, isDefault: boolean): Promise<void> {
  if (await tx.existsBy(TenantMember, { userId, tenantId })) return;
  const hasDefault = await tx.existsBy(TenantMember, { userId, isDefault: true });
  await tx.save(tx.create(TenantMember, { userId, tenantId, isDefault: isDefault && !hasDefault, role: 'member' }));
}
