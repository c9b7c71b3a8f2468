import { DatePipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import type { TenantRole } from '@contracts/tenant';
import type { CreateInvitationResponse, InvitationDto, MemberDto } from '@contracts/workspaces';
import { inputValue, isEmail } from '../../core/ui/form-values';
import { USER_LOCALE } from '../../core/locale';
import { Confirmer } from '../../core/ui/confirm';
import { Icon } from '../../core/ui/icon';
import { ProblemBanner } from '../../core/ui/problem-banner';
import { assignableRoles, canManageRole, ROLE_HINTS, ROLE_LABELS } from '../roles';
import { ExplainedError, explainError } from '../workspace-errors';
import { InviteLink } from './invite-link';
import { WorkspaceSettingsStore } from './workspace-settings-store';

/** Members with their roles, pending invitations and the invite form (admins). */
@Component({
  selector: 'cv-members-panel',
  imports: [DatePipe, Icon, ProblemBanner, InviteLink],
  templateUrl: './members-panel.html',
  styleUrls: ['../panel.css', './members-panel.css'],
})
export class MembersPanel {
  protected readonly store = inject(WorkspaceSettingsStore);
  private readonly confirmer = inject(Confirmer);
  protected readonly locale = inject(USER_LOCALE);

  protected readonly roles = computed(() => assignableRoles(this.store.myRole()));
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly roleHints = ROLE_HINTS;
  protected readonly problem = signal<ExplainedError | null>(null);
  /** The member or invitation a request is running for. */
  protected readonly busyId = signal<string | null>(null);

  protected readonly inviteEmail = signal('');
  protected readonly inviteRole = signal<TenantRole>('member');
  protected readonly inviteProblem = signal<ExplainedError | null>(null);
  protected readonly inviting = signal(false);
  protected readonly created = signal<{ email: string; response: CreateInvitationResponse } | null>(null);
  protected readonly inputValue = inputValue;

  protected isMe(member: MemberDto): boolean {
    return member.userId === this.store.myUserId();
  }

  protected canManage(member: MemberDto): boolean {
    return canManageRole(this.store.myRole(), member.role);
  }

  /** The roles the picker of this member offers: what I may hand out, plus what they hold now. */
  protected rolesFor(member: MemberDto): TenantRole[] {
    const roles = this.roles();
    return roles.includes(member.role) ? roles : [...roles, member.role];
  }

  protected async changeRole(member: MemberDto, event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    const role = select.value as TenantRole;
    if (role === member.role) {
      return;
    }
    if (
      this.isMe(member) &&
      !this.confirmer.ask(`Change your own role to ${ROLE_LABELS[role]}? You may lose access to these settings.`)
    ) {
      select.value = member.role;
      return;
    }
    const done = await this.run(member.userId, () => this.store.changeRole(member.userId, role));
    if (!done) {
      select.value = member.role;
    }
  }

  protected async remove(member: MemberDto): Promise<void> {
    if (!this.confirmer.ask(`Remove ${member.name} (${member.email}) from this workspace? They lose access at once.`)) {
      return;
    }
    await this.run(member.userId, () => this.store.removeMember(member.userId));
  }

  protected async leave(member: MemberDto): Promise<void> {
    if (!this.confirmer.ask(WorkspaceSettingsStore.leaveQuestion)) {
      return;
    }
    await this.run(member.userId, () => this.store.leave());
  }

  protected async revoke(invitation: InvitationDto): Promise<void> {
    if (!this.confirmer.ask(`Revoke the invitation for ${invitation.email}? Its link stops working.`)) {
      return;
    }
    await this.run(invitation.invitationId, () => this.store.revokeInvitation(invitation.invitationId));
  }

  protected async invite(event: Event): Promise<void> {
    event.preventDefault();
    if (this.inviting()) {
      return;
    }
    const email = this.inviteEmail().trim();
    if (!isEmail(email)) {
      this.inviteProblem.set({ message: 'Enter the email address of the person to invite.', hint: null });
      return;
    }
    this.inviteProblem.set(null);
    this.created.set(null);
    this.inviting.set(true);
    try {
      const response = await this.store.invite(email, this.inviteRole());
      this.created.set({ email, response });
      this.inviteEmail.set('');
    } catch (error) {
      this.inviteProblem.set(explainError(error, 'The invitation could not be created.'));
    } finally {
      this.inviting.set(false);
    }
  }

  private async run(id: string, action: () => Promise<void>): Promise<boolean> {
    if (this.busyId()) {
      return false;
    }
    this.busyId.set(id);
    this.problem.set(null);
    try {
      await action();
      return true;
    } catch (error) {
      this.problem.set(explainError(error));
      return false;
    } finally {
      this.busyId.set(null);
    }
  }
}
