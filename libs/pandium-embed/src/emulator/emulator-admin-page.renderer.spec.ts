import { describe, expect, it } from '@jest/globals';
import { renderAdminPage } from './emulator-admin-page.renderer.js';
import type { EmulatorTenantRecord } from './emulator-tenant.interface.js';

const CONTEXT = { hostOrigin: 'http://localhost:3000', account: 'acme' };
const EVIL = `<img src=x onerror="alert(1)">`;

function tenant(
  overrides: Partial<EmulatorTenantRecord> = {},
): EmulatorTenantRecord {
  return {
    id: 42,
    name: `gwt2hs for ${EVIL}`,
    integrationId: 1042,
    integrationName: 'gwt2hs',
    connectorName: 'gwt',
    userName: EVIL,
    archived: false,
    createdDate: 'c',
    modifiedDate: 'm',
    connectorChange: 'c',
    runs: [],
    failNextRun: false,
    pendingTriggers: [],
    ...overrides,
  };
}

describe('renderAdminPage', () => {
  it('should list each tenant, escaped, with a Fail next run form posting to the control', () => {
    const html = renderAdminPage([tenant()], CONTEXT);

    expect(html).not.toContain('<img');
    expect(html).toContain('data-testid="emulator-tenant-42"');
    expect(html).toContain(
      '<form method="post" action="/__emulator/tenants/42/fail-next-run">' +
        '<button type="submit" data-testid="emulator-fail-next-run-42">Fail next run</button></form>',
    );
    expect(html).toContain('0 (last: —)');
  });

  it('should say when the next run fails already, and show the last phase', () => {
    const html = renderAdminPage(
      [
        tenant({
          failNextRun: true,
          archived: true,
          runs: [
            {
              id: 1,
              mode: 'normal',
              status: {
                phase: 'Succeeded',
                startTime: 's',
                completionTime: 'c',
              },
              triggers: [],
              started_date: 's',
              completed_date: 'c',
            },
          ],
        }),
      ],
      CONTEXT,
    );

    expect(html).toContain('next run fails');
    expect(html).not.toContain('emulator-fail-next-run-42');
    expect(html).toContain('1 (last: Succeeded)');
    expect(html).toContain('<td>archived</td>');
  });

  it('should say there is no tenant yet', () => {
    expect(renderAdminPage([], CONTEXT)).toContain('No tenant yet');
  });
});
