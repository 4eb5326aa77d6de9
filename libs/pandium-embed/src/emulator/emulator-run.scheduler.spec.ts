import {
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  jest,
} from '@jest/globals';
import { EmulatorRunScheduler } from './emulator-run.scheduler.js';
import { EmulatorTenantStore } from './emulator-tenant.store.js';
import type { EmulatorWebhookSender } from './emulator-webhook.sender.js';
import type { ResolvedPandiumEmulatorOptions } from './pandium-emulator-options.interface.js';

const GWT = {
  id: 1042,
  name: 'gwt2hs',
  long_name: null,
  connectors: [{ name: 'gwt' }],
};

describe('EmulatorRunScheduler', () => {
  let send: jest.Mock<EmulatorWebhookSender['send']>;
  let tenants: EmulatorTenantStore;
  let scheduler: EmulatorRunScheduler;

  beforeEach(() => {
    jest.useFakeTimers();
    const options = {
      account: 'acme',
      runDurationMs: 1000,
      clock: { now: () => Date.now() },
    } as ResolvedPandiumEmulatorOptions;
    send = jest.fn();
    tenants = new EmulatorTenantStore(options);
    scheduler = new EmulatorRunScheduler(options, tenants, {
      send,
    } as unknown as EmulatorWebhookSender);
  });

  afterEach(() => {
    scheduler.onModuleDestroy();
    jest.useRealTimers();
  });

  it('should start a run at once and complete it runDurationMs later', () => {
    const { tenant } = tenants.save('usr_1', GWT, 'a');

    const trigger = scheduler.trigger(tenant, 'init');

    expect(tenant.runs).toEqual([
      expect.objectContaining({
        id: 1,
        mode: 'init',
        triggers: [trigger],
        status: expect.objectContaining({
          phase: 'Running',
          completionTime: null,
        }),
      }),
    ]);
    jest.advanceTimersByTime(1000);
    expect(tenant.runs[0].status.phase).toBe('Succeeded');
    expect(tenant.runs[0].completed_date).toEqual(expect.any(String));
    expect(send).not.toHaveBeenCalled();
  });

  it('should bundle the triggers that arrive during a run into the next one', () => {
    const { tenant } = tenants.save('usr_1', GWT, 'a');
    scheduler.trigger(tenant, 'normal');
    const second = scheduler.trigger(tenant, 'normal');
    const third = scheduler.trigger(tenant, 'init');

    expect(tenant.runs).toHaveLength(1);
    jest.advanceTimersByTime(1000);

    expect(tenant.runs).toHaveLength(2);
    expect(tenant.runs[1]).toMatchObject({
      mode: 'init',
      triggers: [second, third],
      status: { phase: 'Running' },
    });
    jest.advanceTimersByTime(1000);
    expect(tenant.runs[1].status.phase).toBe('Succeeded');
  });

  it('should fail the next run once asked, post run_failed, and let the one after succeed', () => {
    const { tenant } = tenants.save('usr_1', GWT, 'a');
    scheduler.failNextRun(tenant);

    scheduler.trigger(tenant, 'normal');
    jest.advanceTimersByTime(1000);
    scheduler.trigger(tenant, 'normal');
    jest.advanceTimersByTime(1000);

    expect(tenant.runs.map(({ status }) => status.phase)).toEqual([
      'Failed',
      'Succeeded',
    ]);
    expect(send.mock.calls).toEqual([['run_failed', tenant, tenant.runs[0]]]);
  });

  it('should complete nothing once destroyed', () => {
    const { tenant } = tenants.save('usr_1', GWT, 'a');
    scheduler.trigger(tenant, 'normal');

    scheduler.onModuleDestroy();
    jest.advanceTimersByTime(5000);

    expect(tenant.runs[0].status.phase).toBe('Running');
  });
});
