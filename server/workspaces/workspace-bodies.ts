import { z } from 'zod';
import { type CreateWorkspaceRequest, type OdooConnectionRequest, type UpdateWorkspaceRequest, WORKSPACE_NAME_MAX_LENGTH } from '../contracts/workspaces';

// What the workspace and connection routes accept. Each message says what is wrong with the field,
// never what was sent.

const NAME_MAX = WORKSPACE_NAME_MAX_LENGTH;

const name = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(NAME_MAX, { error: `must be at most ${NAME_MAX} characters` });

const timeZone = z
  .string({ error: 'must be text' })
  .max(64, { error: 'must be an IANA time zone such as Europe/Paris' })
  .refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/Paris' });

const lang = z.string({ error: 'must be text' }).regex(/^[a-z]{2,3}(_[A-Z]{2})?(@\w+)?$/, { error: 'must be an Odoo language code such as en_US' });

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const createWorkspaceBody: z.ZodType<CreateWorkspaceRequest> = z.object({
  name,
  timeZone: timeZone.optional(),
  lang: lang.optional(),
});

export const updateWorkspaceBody: z.ZodType<UpdateWorkspaceRequest> = z
  .object({ name: name.optional(), timeZone: timeZone.optional(), lang: lang.optional() })
  .refine((body) => body.name !== undefined || body.timeZone !== undefined || body.lang !== undefined, {
    error: 'nothing to change: give name, timeZone or lang',
  });

const text = (max: number) =>
  z
    .string({ error: 'is required (text)' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });

export const odooConnectionBody: z.ZodType<OdooConnectionRequest> = z.object({
  url: text(2048),
  database: text(255),
  login: text(255),
  secret: z
    .string({ error: 'must be text' })
    .min(1, { error: 'must not be empty (omit it to keep the stored one)' })
    .max(4096, { error: 'is too long' })
    .optional(),
  transport: z.enum(['auto', 'xmlrpc', 'json2'], { error: 'must be auto, xmlrpc or json2' }).optional(),
  publicUrl: z.string({ error: 'must be text or null' }).max(2048, { error: 'is too long' }).nullable().optional(),
  companyIds: z
    .array(z.number({ error: 'must hold company ids' }).int({ error: 'must hold company ids' }).positive({ error: 'must hold company ids' }), {
      error: 'must be a list of company ids or null',
    })
    .min(1, { error: 'must not be empty (null means every company)' })
    .max(500, { error: 'has too many entries' })
    .nullable()
    .optional(),
});
