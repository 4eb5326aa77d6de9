/** Path of the tenant list, below the API host. @internal */
export const PANDIUM_API_TENANTS_PATH = 'v2/tenants';

/** Settings of the tenant reads behind integration statuses. @internal */
export const TENANT_STATUS_DEFAULTS = {
  /** Pandium's largest `limit`. */
  pageSize: 500,
  /** A list that never ends (an API that ignores `skip`) stops here. */
  maxPages: 20,
  requestTimeoutMs: 5000,
  /** Users whose statuses the in-memory store keeps; the least recently written is dropped first. */
  maxUsers: 10_000,
  /** A client's refresh (after `pandium-save-sync`) drops a user's statuses at most this often. */
  refreshIntervalMs: 5000,
} as const;
