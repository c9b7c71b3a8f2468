import { RequestMethod, type INestApplicationContext, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { API_PREFIX } from '../common/routes';
import { IS_PUBLIC } from './public.decorator';

export interface RouteEntry {
  /** GET, POST… */
  method: string;
  /** Nest's pattern, e.g. /api/sessions/:sessionId */
  path: string;
  /** Marked @Public() on the handler or its controller; every other route needs a session. */
  isPublic: boolean;
}

/** Every route of every Nest controller in the application (under the global prefix), from the same metadata Nest routes by. */
export function listRoutes(app: INestApplicationContext): RouteEntry[] {
  const reflector = app.get(Reflector);
  const routes: RouteEntry[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (controller) routes.push(...controllerRoutes(controller, reflector));
    }
  }
  return routes;
}

function controllerRoutes(controller: Type, reflector: Reflector): RouteEntry[] {
  const prefixes = paths(Reflect.getMetadata(PATH_METADATA, controller));
  const routes: RouteEntry[] = [];
  for (const name of Object.getOwnPropertyNames(controller.prototype)) {
    const handler: unknown = Object.getOwnPropertyDescriptor(controller.prototype, name)?.value;
    if (name === 'constructor' || typeof handler !== 'function') continue;
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (method === undefined) continue;
    const isPublic = reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]) === true;
    for (const prefix of prefixes) {
      for (const path of paths(Reflect.getMetadata(PATH_METADATA, handler))) {
        routes.push({ method: RequestMethod[method], path: joinPath(joinPath(API_PREFIX, prefix), path), isPublic });
      }
    }
  }
  return routes;
}

function paths(metadata: unknown): string[] {
  if (Array.isArray(metadata)) return metadata.map(String);
  return [typeof metadata === 'string' ? metadata : '/'];
}

function joinPath(...parts: string[]): string {
  const segments = parts.flatMap((part) => part.split('/')).filter(Boolean);
  return `/${segments.join('/')}`;
}
