import { Injectable } from '@nestjs/common';
import type { OdooErrorCode } from './odoo-errors';

export type OdooCallOutcome = 'ok' | OdooErrorCode;

/**
 * Hears about every request the Odoo client sends (model "common" for version/authenticate), so a
 * metrics module can count calls by model, method and outcome. Provide your own under this token in a
 * global module to replace the default, which does nothing.
 */
export abstract class OdooCallObserver {
  abstract onCall(model: string, method: string, outcome: OdooCallOutcome, durationMs: number): void;
}

@Injectable()
export class NoopOdooCallObserver extends OdooCallObserver {
  onCall(): void {}
}
