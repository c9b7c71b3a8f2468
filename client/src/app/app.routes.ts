import type { Routes } from '@angular/router';
import { authGuard, guestGuard, signUpGuard } from './core/auth/auth-guards';
import { DASHBOARD_URL } from './core/auth/return-url';
import { CompanyViewStore } from './company-view/company-view-store';
import { KpiHistoryStore } from './company-view/kpi-history-store';
import { workspaceRoutes } from './workspaces/workspace.routes';

const DASHBOARD_PATH = DASHBOARD_URL.slice(1);

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: DASHBOARD_PATH },
  {
    path: 'sign-in',
    title: 'Sign in · Company View',
    canActivate: [guestGuard],
    data: { mode: 'sign-in' },
    loadComponent: () => import('./core/auth/auth-page').then((m) => m.AuthPage),
  },
  {
    path: 'sign-up',
    title: 'Create an account · Company View',
    canActivate: [signUpGuard, guestGuard],
    data: { mode: 'sign-up' },
    loadComponent: () => import('./core/auth/auth-page').then((m) => m.AuthPage),
  },
  {
    path: 'account',
    title: 'Account · Company View',
    canActivate: [authGuard],
    loadComponent: () => import('./core/auth/account-page').then((m) => m.AccountPage),
  },
  {
    path: DASHBOARD_PATH,
    title: 'Company View',
    canActivate: [authGuard],
    // One store per visit: the route's injector (and with it the polling) is destroyed when the page is left.
    providers: [CompanyViewStore, KpiHistoryStore],
    loadComponent: () => import('./company-view/company-view-page').then((m) => m.CompanyViewPage),
  },
  { path: 'dashboard', pathMatch: 'full', redirectTo: DASHBOARD_PATH },
  ...workspaceRoutes,
  { path: '**', redirectTo: DASHBOARD_PATH },
];
