import { Injectable } from '@nestjs/common';
import type { OdooErrorCode } from './odoo-errors';

export type OdooCallOutcome = 'ok' | OdooErrorCode;

/**
 * Hears about every request the Odoo client sends (model "common" for version/authenticate), so a
 * metrics module can count calls by model, method and outcome. MetricsModule provides the one the app
 * uses; clients built by hand (the CLI, tests) default to the one that does nothing.
 */
export abstract class OdooCallObserver {
  abstract onCall(model: string, method: string, outcome: OdooCallOutcome, durationMs: number): void;
}

@Injectable()
export class NoopOdooCallObserver extends OdooCallObserver {
  onCall(): void {}
}
