import { HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { TenantRole } from '@contracts/tenant';
import type {
  CreateInvitationResponse,
  InvitationDto,
  MemberDto,
  OdooCheckResponse,
  OdooConnectionRequest,
  UpdateWorkspaceRequest,
  WorkspaceDto,
  WorkspaceOdooDto,
} from '@contracts/workspaces';
import { AuthStore } from '../../core/auth/auth-store';
import { DASHBOARD_URL } from '../../core/auth/return-url';
import { TenantStore } from '../../core/tenant/tenant-store';
import { ExplainedError, explainError } from '../workspace-errors';
import { isAdminRole } from '../roles';
import { WorkspacesApi } from '../workspaces-api';

/**
 * What /settings/workspace shows for the workspace chosen in the switcher: its settings, and for admins
 * its members and pending invitations. Provided on the route, so a visit starts from the server's state.
 *
 * Every change is made on the server first and shown once it answered; a refusal reaches the caller
 * (the section that asked shows it) and leaves what is on screen as it was.
 */
@Injectable()
export class WorkspaceSettingsStore {
  private readonly api = inject(WorkspacesApi);
  private readonly tenants = inject(TenantStore);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  private readonly tenantIdState = signal<string | null>(null);
  private readonly workspaceState = signal<WorkspaceDto | null>(null);
  private readonly loadErrorState = signal<ExplainedError | null>(null);
  private readonly membersState = signal<MemberDto[] | null>(null);
  private readonly invitationsState = signal<InvitationDto[] | null>(null);
  private readonly peopleErrorState = signal<ExplainedError | null>(null);
  // Bumped on each tenant change, so an answer for the previous workspace never lands on this one.
  private generation = 0;

  readonly tenantId = this.tenantIdState.asReadonly();
  readonly workspace = this.workspaceState.asReadonly();
  readonly loadError = this.loadErrorState.asReadonly();
  readonly members = this.membersState.asReadonly();
  readonly invitations = this.invitationsState.asReadonly();
  /** Why the members or invitations could not be listed. */
  readonly peopleError = this.peopleErrorState.asReadonly();
  readonly myRole = computed<TenantRole | null>(() => this.workspaceState()?.myRole ?? null);
  readonly isAdmin = computed(() => isAdminRole(this.myRole()));
  readonly myUserId = computed(() => this.auth.user()?.id ?? null);

  /** Shows another workspace (or none); whatever belonged to the previous one goes at once. */
  setTenant(tenantId: string | null): void {
    if (tenantId === this.tenantIdState()) {
      return;
    }
    this.generation++;
    this.tenantIdState.set(tenantId);
    this.workspaceState.set(null);
    this.loadErrorState.set(null);
    this.membersState.set(null);
    this.invitationsState.set(null);
    this.peopleErrorState.set(null);
    if (tenantId) {
      void this.load(tenantId, this.generation);
    }
  }

  /** Asks again after a failure. */
  reload(): void {
    const tenantId = this.tenantIdState();
    if (tenantId) {
      this.loadErrorState.set(null);
      void this.load(tenantId, this.generation);
    }
  }

  async saveGeneral(body: UpdateWorkspaceRequest): Promise<void> {
    const tenantId = this.requireTenant();
    const saved = await this.api.update(tenantId, body);
    this.landWorkspace(tenantId, saved);
    // The header and the switcher show the name too.
    void this.tenants.loadCurrent({ force: true });
    void this.tenants.loadMemberships();
  }

  checkConnection(candidate: OdooConnectionRequest): Promise<OdooCheckResponse> {
    return this.api.checkConnection(this.requireTenant(), candidate);
  }

  async saveConnection(body: OdooConnectionRequest): Promise<void> {
    const tenantId = this.requireTenant();
    this.landOdoo(tenantId, await this.api.saveConnection(tenantId, body));
  }

  async removeConnection(): Promise<void> {
    const tenantId = this.requireTenant();
    this.landOdoo(tenantId, await this.api.removeConnection(tenantId));
  }

  async invite(email: string, role: TenantRole): Promise<CreateInvitationResponse> {
    const tenantId = this.requireTenant();
    const created = await this.api.invite(tenantId, email, role);
    await this.loadPeople(tenantId, this.generation);
    return created;
  }

  async revokeInvitation(invitationId: string): Promise<void> {
    const tenantId = this.requireTenant();
    try {
      await this.api.revokeInvitation(tenantId, invitationId);
    } finally {
      await this.loadPeople(tenantId, this.generation);
    }
  }

  async changeRole(userId: string, role: TenantRole): Promise<void> {
    const tenantId = this.requireTenant();
    try {
      const updated = await this.api.changeRole(tenantId, userId, role);
      this.membersState.update((list) => list?.map((member) => (member.userId === userId ? updated : member)) ?? null);
      if (userId === this.myUserId()) {
        // Stepping down changes what this page may show.
        await this.load(tenantId, this.generation);
      }
    } catch (error) {
      await this.refreshAfterRefusal(tenantId, error);
      throw error;
    }
  }

  async removeMember(userId: string): Promise<void> {
    const tenantId = this.requireTenant();
    try {
      await this.api.removeMember(tenantId, userId);
      this.membersState.update((list) => list?.filter((member) => member.userId !== userId) ?? null);
    } catch (error) {
      await this.refreshAfterRefusal(tenantId, error);
      throw error;
    }
  }

  /** What a user is asked before leaving, wherever they leave from. */
  static readonly leaveQuestion = 'Leave this workspace? You will need a new invitation to come back.';

  /** Leaves the workspace, then shows whichever workspace the server makes current. */
  async leave(): Promise<void> {
    const tenantId = this.requireTenant();
    const userId = this.myUserId();
    if (!userId) {
      throw new Error('You are not signed in.');
    }
    await this.api.removeMember(tenantId, userId);
    await Promise.all([this.tenants.loadCurrent({ force: true }), this.tenants.loadMemberships()]);
    await this.router.navigateByUrl(DASHBOARD_URL);
  }

  private async load(tenantId: string, generation: number): Promise<void> {
    try {
      const workspace = await this.api.get(tenantId);
      if (generation !== this.generation) {
        return;
      }
      this.workspaceState.set(workspace);
      if (isAdminRole(workspace.myRole)) {
        await this.loadPeople(tenantId, generation);
      } else {
        this.membersState.set(null);
        this.invitationsState.set(null);
      }
    } catch (error) {
      if (generation === this.generation) {
        this.loadErrorState.set(explainError(error, 'The workspace could not be loaded.'));
      }
    }
  }

  private async loadPeople(tenantId: string, generation: number): Promise<void> {
    try {
      const [members, invitations] = await Promise.all([this.api.members(tenantId), this.api.invitations(tenantId)]);
      if (generation === this.generation) {
        this.membersState.set(members);
        this.invitationsState.set(invitations);
        this.peopleErrorState.set(null);
      }
    } catch (error) {
      if (generation === this.generation) {
        this.peopleErrorState.set(explainError(error, 'The members could not be listed.'));
      }
    }
  }

  /** After a 404 or 409 the list on screen is out of date: show the server's. */
  private async refreshAfterRefusal(tenantId: string, error: unknown): Promise<void> {
    if (error instanceof HttpErrorResponse && (error.status === 404 || error.status === 409)) {
      await this.loadPeople(tenantId, this.generation);
    }
  }

  private landWorkspace(tenantId: string, workspace: WorkspaceDto): void {
    if (tenantId === this.tenantIdState()) {
      this.workspaceState.set(workspace);
    }
  }

  private landOdoo(tenantId: string, odoo: WorkspaceOdooDto): void {
    if (tenantId === this.tenantIdState()) {
      this.workspaceState.update((workspace) => (workspace ? { ...workspace, odoo } : workspace));
    }
  }

  private requireTenant(): string {
    const tenantId = this.tenantIdState();
    if (!tenantId) {
      throw new Error('No workspace is selected.');
    }
    return tenantId;
  }
}
