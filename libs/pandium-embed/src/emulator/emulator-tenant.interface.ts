// The emulator's tenants and runs, in memory, and the shapes Pandium's REST API gives them. Run `phase` values are
// not documented by Pandium: the emulator uses Running, Succeeded and Failed.

/** What a run is doing. @internal */
export type EmulatorRunPhase = 'Running' | 'Succeeded' | 'Failed';

/** One run of a tenant, as `GET /v2/tenants/{id}/runs` lists it. @internal */
export interface EmulatorRun {
  id: number;
  mode: 'init' | 'normal';
  status: {
    phase: EmulatorRunPhase;
    startTime: string;
    completionTime: string | null;
  };
  /** The trigger ids bundled into this run. */
  triggers: string[];
  started_date: string;
  completed_date: string | null;
}

/** A tenant in the emulator's memory: what Pandium's API shows, and the user it belongs to. @internal */
export interface EmulatorTenantRecord {
  id: number;
  name: string;
  integrationId: number;
  integrationName: string;
  connectorName: string;
  /** The JWT's `sub` of the user who saved it: what `GET /v2/tenants?user_name=` filters on. */
  userName: string;
  archived: boolean;
  createdDate: string;
  modifiedDate: string;
  /** When the connector was last connected or disconnected. */
  connectorChange: string;
  /** Oldest first. */
  runs: EmulatorRun[];
  /** Set by the development control: the next run to complete fails. */
  failNextRun: boolean;
  /** Triggers that arrived during a run, bundled into the next one. */
  pendingTriggers: { id: string; mode: EmulatorRun['mode'] }[];
}

/** A tenant as Pandium's REST API answers it (no user field: Pandium's tenants carry none). @internal */
export interface EmulatorApiTenant {
  id: number;
  name: string;
  integration_id: number;
  archived: boolean;
  paused: boolean;
  created_date: string;
  modified_date: string;
  status: {
    auth: {
      connected: boolean;
      connectors: { name: string; status: string; last_change: string }[];
    };
    last_run: EmulatorRun | null;
    last_successful_run: EmulatorRun | null;
    current_run: EmulatorRun | null;
  };
}
