import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Services } from '../services.js';
import type { EvidenceRouteOptions } from './evidence/index.js';

export interface RouteContext {
  config: Config;
  database: Database;
  services: Services;
  evidence?: EvidenceRouteOptions;
}
