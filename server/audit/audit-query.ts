import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuditAction, AuditEntryDto, AuditPageDto } from '../contracts/workspaces';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

interface AuditRow {
  id: string;
  at: Date;
  actorEmail: string | null;
  tenantId: string | null;
  action: AuditAction;
  details: Record<string, unknown>;
}

/** Pages of the audit log, newest first. The cursor is the last entry's id, opaque to clients. */
@Injectable()
export class AuditQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** `tenantId` null: every tenant's entries and the platform's (operators). */
  async page(tenantId: string | null, query: { cursor?: unknown; limit?: unknown }): Promise<AuditPageDto> {
    const limit = parseLimit(query.limit);
    const before = parseCursor(query.cursor);
    const params: unknown[] = [limit + 1];
    const where: string[] = [];
    if (tenantId !== null) where.push(`"tenantId" = $${params.push(tenantId)}`);
    if (before !== null) where.push(`"id" < $${params.push(before)}`);
    const rows: AuditRow[] = await this.db.query(
      `SELECT "id", "at", "actorEmail", "tenantId", "action", "details" FROM "audit_log"
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY "id" DESC LIMIT $1`,
      params,
    );
    const items = rows.slice(0, limit);
    return {
      items: items.map(toDto),
      nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null,
    };
  }
}

function toDto(row: AuditRow): AuditEntryDto {
  return { at: row.at.toISOString(), actorEmail: row.actorEmail, tenantId: row.tenantId, action: row.action, details: row.details };
}

function parseLimit(value: unknown): number {
  if (value === undefined || value === '') return DEFAULT_LIMIT;
  const n = typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_LIMIT)) throw new BadRequestException(`Bad Request: limit must be a whole number from 1 to ${MAX_LIMIT}`);
  return n;
}

function encodeCursor(id: string): string {
  return Buffer.from(`a:${id}`).toString('base64url');
}

function parseCursor(value: unknown): string | null {
  if (value === undefined || value === '') return null;
  const decoded = typeof value === 'string' && value.length <= 64 ? Buffer.from(value, 'base64url').toString('utf8') : '';
  const match = /^a:(\d{1,18})$/.exec(decoded);
  if (!match) throw new BadRequestException('Bad Request: Invalid cursor');
  return match[1];
}
