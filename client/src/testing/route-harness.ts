import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { EnvironmentProviders, Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withAutoCleanupInjectors, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { PublicConfigResponse } from '@contracts/app';
import { routes } from '../app/app.routes';
import { USER_LOCALE } from '../app/core/locale';

/** What a spec that drives the app through its real routes works with. */
export interface RouteHarness {
  http: HttpTestingController;
  harness: RouterTestingHarness;
  /** The element of the current page with this data-testid, if any. */
  byTestId: <T extends HTMLElement = HTMLElement>(id: string) => T | null;
  /** Lets answered requests, signals and change detection run their course (a few rounds, as one answer may lead to the next). */
  settle: () => Promise<void>;
}

/**
 * A fresh TestBed with the app's routes, a testing HTTP backend and the en-US locale, plus `providers`.
 * `autoCleanup`: destroy a route's injector when it is left (stores provided on a route start over).
 */
export async function setUpRoutes(
  options: { providers?: Array<Provider | EnvironmentProviders>; autoCleanup?: boolean } = {},
): Promise<RouteHarness> {
  TestBed.resetTestingModule();
  const features = options.autoCleanup
    ? [withComponentInputBinding(), withAutoCleanupInjectors()]
    : [withComponentInputBinding()];
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter(routes, ...features),
      { provide: USER_LOCALE, useValue: 'en-US' },
      ...(options.providers ?? []),
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  const harness = await RouterTestingHarness.create();
  return {
    http,
    harness,
    byTestId: <T extends HTMLElement = HTMLElement>(id: string) =>
      harness.routeNativeElement!.querySelector<T>(`[data-testid="${id}"]`),
    settle: async () => {
      for (let i = 0; i < 3; i++) {
        await new Promise((resolve) => setTimeout(resolve));
        await harness.fixture.whenStable();
      }
    },
  };
}

/** The server's public configuration: everything off unless `overrides` turns it on. */
export function publicConfig(overrides: Partial<PublicConfigResponse> = {}): PublicConfigResponse {
  return { allowSignup: false, demoMode: false, allowWorkspaceCreation: false, passwordReset: false, ...overrides };
}
