import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SessionDto } from '../contracts/session';

interface SessionRow {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
}

/** A user's own sessions, by id. Deleting a row is enough: its trigger tells every instance. */
@Injectable()
export class UserSessions {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(userId: string, currentSessionId: string): Promise<SessionDto[]> {
    const rows: SessionRow[] = await this.db.query(
      `SELECT id, "createdAt", "updatedAt", "expiresAt", "ipAddress", "userAgent" FROM "session"
       WHERE "userId" = $1 AND "expiresAt" > now() ORDER BY "createdAt" DESC`,
      [userId],
    );
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      ipAddress: row.ipAddress || null,
      userAgent: row.userAgent || null,
      current: row.id === currentSessionId,
    }));
  }

  /** Ends one of the user's sessions; false when they have no session with that id. */
  async revoke(userId: string, sessionId: string): Promise<boolean> {
    // TypeORM answers a DELETE … RETURNING with [rows, count].
    const [rows]: [unknown[], number] = await this.db.query(`DELETE FROM "session" WHERE id = $1 AND "userId" = $2 RETURNING id`, [sessionId, userId]);
    return rows.length > 0;
  }
}
