// Health endpoint contract. Types only.

export type HealthStatus = 'pass' | 'degraded' | 'fail';

export interface ComponentHealth {
  status: 'pass' | 'fail';
}

/** GET /api/monitoring/system-health */
export interface SystemHealthResponse {
  status: HealthStatus;
  timestamp: string;
  database: ComponentHealth;
  odoo: ComponentHealth;
  cache?: ComponentHealth;
}
