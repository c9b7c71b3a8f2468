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

/** Task states Odoo 17+ counts as open (the 17 "Open Tasks" filter lists them; 18+ derive is_closed from them). */
const OPEN_STATES = ['01_in_progress', '02_changes_requested', '03_approved', '04_waiting_normal'];

/**
 * Project › All Tasks (action project.action_view_all_task, project/views/project_task_views.xml)
 * with its open-task filter, chosen by the fields the database has rather than its version number:
 * - 19 (has_template_ancestor): action domain has_template_ancestor = False, filter "Open"
 *   is_closed = False; the web client also hides subtasks that live in their parent's project
 *   (display_in_project = True, project_task_model_mixin.js) unless "Show Sub-Tasks" is on;
 * - 18 (display_in_project + is_closed): action domain display_in_project = True, filter is_closed = False;
 * - 17 (display_in_project, no is_closed): the same action domain, filter state in the open states;
 * - 16 (is_closed only): the action (menu "My Tasks" there) has no domain; filter "Open Tasks" is
 *   is_closed = False, i.e. the stage is not folded.
 * Odoo lists private to-dos (no project) to their own assignees; a company-wide count leaves them out.
 */
function openTasks(fields: TaskFields): OdooDomain {
  const domain: OdooDomain = [['project_id', '!=', false]];
  if (fields.has_template_ancestor) {
    domain.push(['is_closed', '=', false], ['has_template_ancestor', '=', false], ['display_in_project', '=', true]);
  } else if (fields.display_in_project && fields.is_closed) {
    domain.push(['is_closed', '=', false], ['display_in_project', '=', true]);
  } else if (fields.display_in_project) {
    domain.push(['state', 'in', OPEN_STATES], ['display_in_project', '=', true]);
  } else if (fields.is_closed) {
    domain.push(['is_closed', '=', false]);
  } else {
    domain.push(['stage_id.fold', '=', false]);
  }
  return domain;
}

const ALL_TASKS_ACTION = 'project.action_view_all_task';

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
      client.searchRead(
        conn,
        TASK,
        [...open, ['date_deadline', '!=', false]],
        { fields: TASK_FIELDS, order: 'date_deadline asc, id asc', limit: TABLE_LIMIT },
        { signal },
      ),
      client.searchRead(conn, TASK, [...open, ['date_deadline', '=', false]], { fields: TASK_FIELDS, order: 'id asc', limit: TABLE_LIMIT }, { signal }),
    ]);
    const tasks = [...withDeadline, ...withoutDeadline].slice(0, TABLE_LIMIT);
    const userNames = await this.userNames(ctx, tasks);
    const rows = tasks.map((task) => toTaskRow(task, userNames, ctx));
    return { data: { openTasks: rows }, kpis: { openTasksCount: count }, kpiLinks: { openTasksCount: ctx.links.action(ALL_TASKS_ACTION) } };
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
function toTaskRow(record: OdooRecord, userNames: Map<number, string>, { timeZone, links }: SectionContext): TaskRow {
  const assignees = idList(record.user_ids)
    .map((id) => userNames.get(id))
    .filter((name): name is string => !!name);
  const deadline = text(record.date_deadline);
  return {
    id: String(record.id),
    odooUrl: links.recordOrNull(TASK, record.id),
    name: text(record.name) ?? '',
    projectName: many2oneName(record.project_id),
    stageName: many2oneName(record.stage_id),
    assigneeName: assignees.length ? assignees.join(', ') : null,
    deadline: deadline === null ? null : odooDatetimeToDate(deadline, timeZone),
  };
}
