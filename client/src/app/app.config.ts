import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import {
  provideRouter,
  withAutoCleanupInjectors,
  withComponentInputBinding,
  withInMemoryScrolling,
} from '@angular/router';
import { routes } from './app.routes';
import { unauthorizedInterceptor } from './core/http/unauthorized-interceptor';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    // HttpClient uses fetch by default in Angular 22, which honours the per-request `cache` option.
    provideHttpClient(withInterceptors([unauthorizedInterceptor])),
    provideRouter(
      routes,
      withComponentInputBinding(),
      // Destroys a route's injector once the route is left, so the dashboard's polling store goes with it.
      withAutoCleanupInjectors(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
    ),
  ],
};
