export type * from './company-view';
export type * from './tenant';
export type * from './health';
export type * from './errors';
export type * from './app';
export type * from './session';
export type * from './history';
export type * from './workspaces';
