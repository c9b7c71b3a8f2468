import type { Routes } from '@angular/router';
import { authGuard, guestGuard, operatorGuard, passwordResetGuard } from '../core/auth/auth-guards';
import { WorkspaceSettingsStore } from './settings/workspace-settings-store';

/** Self-service workspaces, invitations, the operator console and password reset. */
export const workspaceRoutes: Routes = [
  {
    path: 'workspaces/new',
    title: 'Create a workspace · Company View',
    canActivate: [authGuard],
    loadComponent: () => import('./new-workspace-page').then((m) => m.NewWorkspacePage),
  },
  {
    path: 'settings/workspace',
    title: 'Workspace settings · Company View',
    canActivate: [authGuard],
    providers: [WorkspaceSettingsStore],
    loadComponent: () => import('./settings/workspace-settings-page').then((m) => m.WorkspaceSettingsPage),
  },
  {
    // Public: the invitee may not have an account yet.
    path: 'invite/:token',
    title: 'Invitation · Company View',
    loadComponent: () => import('../invite/invite-page').then((m) => m.InvitePage),
  },
  {
    path: 'admin',
    title: 'Operator console · Company View',
    canActivate: [operatorGuard],
    loadComponent: () => import('../admin/admin-page').then((m) => m.AdminPage),
  },
  {
    path: 'forgot-password',
    title: 'Reset your password · Company View',
    canActivate: [passwordResetGuard, guestGuard],
    loadComponent: () => import('../core/auth/forgot-password-page').then((m) => m.ForgotPasswordPage),
  },
  {
    path: 'reset-password',
    title: 'Choose a new password · Company View',
    canActivate: [passwordResetGuard],
    loadComponent: () => import('../core/auth/reset-password-page').then((m) => m.ResetPasswordPage),
  },
];
