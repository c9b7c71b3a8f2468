import { Injectable } from '@nestjs/common';
import type { TaskRow } from '../../contracts/company-view';
import type { OdooDomain, OdooFieldInfo, OdooRecord } from '../../odoo/odoo-client';
import type { CompanyViewSection, SectionContext, SectionResults } from '../section';
import { TABLE_LIMIT } from '../section';
import { odooDatetimeToDate } from '../tenant-time';
import { idList, many2oneName, text } from './odoo-values';

const TASK = 'project.task';
const TASK_FIELDS = ['name', 'project_id', 'stage_id', 'user_ids', 'date_deadline'];
type TaskFields = Record<string, OdooFieldInfo>;

/**
 * Mirrors Odoo's "Open Tasks" filter, picked from the fields the database has rather than its
 * version number: 17+ have `state` (closed = 1_done / 1_canceled); 16 has only `is_closed`
 * (the stage is folded). Tasks without a project are private to-dos, and 19's task templates
 * are not work, so both stay out.
 */
function openTasks(fields: TaskFields): OdooDomain {
  const domain: OdooDomain = [];
  if (fields.state?.selection?.some(([value]) => value === '1_done')) {
    domain.push(['state', 'not in', ['1_done', '1_canceled']]);
  } else if (fields.is_closed) {
    domain.push(['is_closed', '=', false]);
  } else {
    domain.push(['stage_id.fold', '=', false]);
  }
  domain.push(['project_id', '!=', false]);
  if (fields.is_template) domain.push(['is_template', '=', false]);
  return domain;
}

@Injectable()
export class ProjectsSectionProvider implements CompanyViewSection<'projects'> {
  readonly key = 'projects' as const;

  async load(ctx: SectionContext): Promise<SectionResults['projects']> {
    const { client, connection: conn, signal } = ctx;
    const fields = await client.fieldsGet(conn, TASK, ['type', 'selection'], { signal });
    const open = openTasks(fields);
    // Soonest deadline first, tasks without one last. Odoo 16 cannot say "nulls last" in an
    // order, so the two groups are read separately (in parallel) and put one after the other.
    const [count, withDeadline, withoutDeadline] = await Promise.all([
      client.searchCount(conn, TASK, open, { signal }),
      client.searchRead(conn, TASK, [...open, ['date_deadline', '!=', false]], { fields: TASK_FIELDS, order: 'date_deadline asc, id asc', limit: TABLE_LIMIT }, { signal }),
      client.searchRead(conn, TASK, [...open, ['date_deadline', '=', false]], { fields: TASK_FIELDS, order: 'id asc', limit: TABLE_LIMIT }, { signal }),
    ]);
    const tasks = [...withDeadline, ...withoutDeadline].slice(0, TABLE_LIMIT);
    const userNames = await this.userNames(ctx, tasks);
    const rows = tasks.map((task) => toTaskRow(task, userNames, ctx.timeZone));
    return { data: { openTasks: rows }, kpis: { openTasksCount: count } };
  }

  /** Names of every assignee of the given tasks, read in one call. */
  private async userNames({ client, connection, signal }: SectionContext, tasks: OdooRecord[]): Promise<Map<number, string>> {
    const ids = [...new Set(tasks.flatMap((t) => idList(t.user_ids)))];
    if (ids.length === 0) return new Map();
    const users = await client.read(connection, 'res.users', ids, ['name'], { signal });
    return new Map(users.map((u) => [u.id, text(u.name) ?? '']));
  }
}

/** date_deadline is a date on 16 and a UTC datetime on 17+, shown as the tenant's local date. */
function toTaskRow(record: OdooRecord, userNames: Map<number, string>, timeZone: string): TaskRow {
  const assignees = idList(record.user_ids)
    .map((id) => userNames.get(id))
    .filter((name): name is string => !!name);
  const deadline = text(record.date_deadline);
  return {
    id: String(record.id),
    name: text(record.name) ?? '',
    projectName: many2oneName(record.project_id),
    stageName: many2oneName(record.stage_id),
    assigneeName: assignees.length ? assignees.join(', ') : null,
    deadline: deadline === null ? null : odooDatetimeToDate(deadline, timeZone),
  };
}
