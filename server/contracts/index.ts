export type * from './company-view';
export type * from './tenant';
export type * from './health';
export type * from './errors';
export type * from './app';
