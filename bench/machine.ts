/**
 * Describes the machine a benchmark ran on, so figures are never quoted without it: CPU model,
 * cores, any container CPU limit, memory, OS, Node and V8 versions.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpuModel: string;
  cpuMHz: number;
  logicalCores: number;
  /** What Node reckons it may use; smaller than logicalCores under a CPU affinity mask. */
  availableParallelism: number;
  /** The cgroup v2 CPU quota ("max" = none), when the process runs in a container that sets one. */
  cgroupCpuMax: string | null;
  memoryTotalGiB: number;
  memoryFreeGiB: number;
  os: string;
  /** 1-minute load average when the run started: other work on the machine skews the figures. */
  loadAverage1m: number;
  node: string;
  v8: string;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuMHz: cpus[0]?.speed ?? 0,
    logicalCores: cpus.length,
    availableParallelism: os.availableParallelism(),
    cgroupCpuMax: readCgroupCpuMax(),
    memoryTotalGiB: os.totalmem() / 2 ** 30,
    memoryFreeGiB: os.freemem() / 2 ** 30,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage1m: os.loadavg()[0] ?? 0,
    node: process.version,
    v8: process.versions.v8,
  };
}

function readCgroupCpuMax(): string | null {
  try {
    return readFileSync('/sys/fs/cgroup/cpu.max', 'utf8').trim();
  } catch {
    return null; // not Linux, or cgroup v1: nothing to report
  }
}

export function machineLines(m: Machine): string[] {
  const limit = m.cgroupCpuMax === null ? '' : `, cgroup cpu.max ${m.cgroupCpuMax}`;
  return [
    `CPU     ${m.cpuModel}${m.cpuMHz > 0 ? ` (${m.cpuMHz} MHz)` : ''}`,
    `cores   ${m.logicalCores} logical, ${m.availableParallelism} available to Node${limit}`,
    `memory  ${m.memoryTotalGiB.toFixed(1)} GiB total, ${m.memoryFreeGiB.toFixed(1)} GiB free`,
    `OS      ${m.os}, load average ${m.loadAverage1m.toFixed(2)} (1 min)`,
    `Node    ${m.node} (V8 ${m.v8})`,
  ];
}
