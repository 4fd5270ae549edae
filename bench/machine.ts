/**
 * The machine a benchmark ran on, which Python (if any) has scikit-learn, and how to run the child
 * processes: Node children with this process's loader flags, Python with one BLAS thread.
 */

import { spawnSync } from 'node:child_process';
import os from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly platform: string;
  readonly loadAverage1m: number;
  /** undefined when no interpreter imports scikit-learn. */
  readonly python: PythonInfo | undefined;
}

export interface PythonInfo {
  readonly executable: string;
  readonly python: string;
  readonly sklearn: string;
  readonly numpy: string;
}

/**
 * Interpreters tried for scikit-learn, in order: $BENCH_PYTHON, Debian's system interpreter (where
 * apt's python3-sklearn installs), then whatever `python3` is first on PATH.
 */
function pythonCandidates(): string[] {
  const fromEnv = process.env.BENCH_PYTHON;
  return [...(fromEnv ? [fromEnv] : []), '/usr/bin/python3', 'python3'];
}

const PROBE =
  'import json, platform, sklearn, numpy; ' +
  'print(json.dumps({"python": platform.python_version(), "sklearn": sklearn.__version__, "numpy": numpy.__version__}))';

function findPython(): PythonInfo | undefined {
  for (const executable of pythonCandidates()) {
    const probe = spawnSync(executable, ['-c', PROBE], { encoding: 'utf8', env: pythonEnv() });
    if (probe.status !== 0) continue;
    const versions = JSON.parse(probe.stdout) as Omit<PythonInfo, 'executable'>;
    return { executable, ...versions };
  }
  return undefined;
}

/**
 * The environment of a Python child: one BLAS/OpenMP thread, and without OPENBLAS_CORETYPE and
 * OPENBLAS_L2_SIZE, which some machines set for old OpenBLAS builds and which slow a current one.
 */
export function pythonEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OPENBLAS_NUM_THREADS: '1',
    OMP_NUM_THREADS: '1',
    MKL_NUM_THREADS: '1',
  };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown CPU',
    cores: cpus.length,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage1m: os.loadavg()[0] ?? 0,
    python: findPython(),
  };
}

/** Lines that open the report: machine, versions, and a warning when the machine is busy. */
export function machineLines(machine: Machine): string[] {
  const { python } = machine;
  const lines = [
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.platform}, Node ${machine.node}`,
    python
      ? `scikit-learn ${python.sklearn}, numpy ${python.numpy}, Python ${python.python}`
      : 'scikit-learn not installed',
  ];
  if (machine.loadAverage1m > 0.5) {
    lines.push(
      `warning: machine busy: numbers are noisy (1-minute load average ${machine.loadAverage1m.toFixed(2)})`,
    );
  }
  return lines;
}
