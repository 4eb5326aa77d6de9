import type { OnModuleDestroy } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PANDIUM_EMULATOR_OPTIONS } from './pandium-emulator.constants.js';
import { EmulatorTenantStore } from './emulator-tenant.store.js';
import type {
  EmulatorRun,
  EmulatorTenantRecord,
} from './emulator-tenant.interface.js';
import { EmulatorWebhookSender } from './emulator-webhook.sender.js';
import type { ResolvedPandiumEmulatorOptions } from './pandium-emulator-options.interface.js';

/**
 * Runs the emulator's tenants: a trigger starts a run that completes `runDurationMs` later (Succeeded, or Failed
 * once the development control asked for it, with the `run_failed` webhook). At most one run per tenant at a
 * time: triggers that arrive during a run are bundled into the next, as Pandium's are.
 *
 * @internal
 */
@Injectable()
export class EmulatorRunScheduler implements OnModuleDestroy {
  private nextRunId = 1;

  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    @Inject(PANDIUM_EMULATOR_OPTIONS)
    private readonly options: ResolvedPandiumEmulatorOptions,
    private readonly tenants: EmulatorTenantStore,
    private readonly webhooks: EmulatorWebhookSender,
  ) {}

  /** Queues a run of the tenant. @returns the trigger's id. */
  trigger(tenant: EmulatorTenantRecord, mode: EmulatorRun['mode']): string {
    const id = randomUUID();
    tenant.pendingTriggers.push({ id, mode });
    if (!tenant.runs.some(({ status }) => status.phase === 'Running')) {
      this.start(tenant);
    }
    return id;
  }

  /** Makes the tenant's next run to complete fail. */
  failNextRun(tenant: EmulatorTenantRecord): void {
    tenant.failNextRun = true;
  }

  /** Stops the runs under way: nothing completes once the emulator is closed. */
  onModuleDestroy(): void {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
  }

  private start(tenant: EmulatorTenantRecord): void {
    const triggers = tenant.pendingTriggers.splice(0);
    const now = this.tenants.now();
    const run: EmulatorRun = {
      id: this.nextRunId++,
      // An init trigger among those bundled makes the run an init run.
      mode: triggers.some(({ mode }) => mode === 'init') ? 'init' : 'normal',
      status: { phase: 'Running', startTime: now, completionTime: null },
      triggers: triggers.map(({ id }) => id),
      started_date: now,
      completed_date: null,
    };
    tenant.runs.push(run);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.complete(tenant, run);
    }, this.options.runDurationMs);
    timer.unref();
    this.timers.add(timer);
  }

  private complete(tenant: EmulatorTenantRecord, run: EmulatorRun): void {
    const failed = tenant.failNextRun;
    tenant.failNextRun = false;
    const now = this.tenants.now();
    run.status = {
      ...run.status,
      phase: failed ? 'Failed' : 'Succeeded',
      completionTime: now,
    };
    run.completed_date = now;
    if (failed) {
      this.webhooks.send('run_failed', tenant, run);
    }
    if (tenant.pendingTriggers.length > 0) {
      this.start(tenant);
    }
  }
}
