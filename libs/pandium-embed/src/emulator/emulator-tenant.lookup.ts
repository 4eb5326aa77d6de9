import { HttpException } from '@nestjs/common';
import type { EmulatorApiParams } from './emulator-api-query.parser.js';
import type { EmulatorTenantRecord } from './emulator-tenant.interface.js';
import type { EmulatorTenantStore } from './emulator-tenant.store.js';

/**
 * The tenant a path's `{id}` names, once every parameter of the request is checked.
 *
 * @throws {HttpException} 422 `{ detail }` for bad parameters (the id among them), 404 `{ message }` for an unknown
 * id, as Pandium's REST API answers them.
 * @internal
 */
export function tenantOfPath(
  tenants: EmulatorTenantStore,
  id: string,
  params: EmulatorApiParams,
): EmulatorTenantRecord {
  const tenantId = params.int(
    'tenant_id',
    { min: 1, max: Number.MAX_SAFE_INTEGER },
    'path',
    id,
  );
  params.done();
  const tenant = tenants.find(tenantId);
  if (tenant === undefined) {
    throw new HttpException({ message: `Tenant ${tenantId} not found` }, 404);
  }
  return tenant;
}
