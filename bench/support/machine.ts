// What the numbers were measured on.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  /** Logical CPUs the OS reports. */
  cores: number;
  /** CPUs this process may use (cgroup or affinity limits included). */
  availableParallelism: number;
  /** A cgroup v2 CPU quota, e.g. "2 CPUs", when one is set. */
  cpuQuota: string | undefined;
  totalMemoryBytes: number;
  os: string;
  node: string;
  v8: string;
  date: string;
  commit: string;
}

function cgroupCpuQuota(): string | undefined {
  try {
    const [quota, period] = readFileSync('/sys/fs/cgroup/cpu.max', 'utf8')
      .trim()
      .split(/\s+/);
    if (quota === 'max' || period === undefined) {
      return undefined;
    }
    return `${(Number(quota) / Number(period)).toFixed(2)} CPUs`;
  } catch {
    return undefined;
  }
}

function gitCommit(): string {
  try {
    const git = (...args: string[]): string =>
      execFileSync('git', args, {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    return dirty ? `${commit} with uncommitted changes` : commit;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    cpuQuota: cgroupCpuQuota(),
    totalMemoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    date: new Date().toISOString(),
    commit: gitCommit(),
  };
}
