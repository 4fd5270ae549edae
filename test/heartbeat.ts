/**
 * A heartbeat for tests of long computations: a timer that records the longest stretch in which
 * the event loop did not get a turn. On a busy machine a timer can also fire late because the
 * process was not scheduled at all, so each stretch is measured twice — in wall-clock time and
 * in the CPU time this process spent meanwhile — and the smaller counts: a loop blocked by our
 * own work burns CPU for the whole stretch, a descheduled process does not.
 */
import { cpuUsage } from 'node:process';

export interface Heartbeat {
  /** Stops the timer; the longest blocked stretch in ms (min of wall and CPU time, see above). */
  stop(): { blockedMs: number; wallMs: number; beats: number };
}

const BEAT_MS = 5;

export function startHeartbeat(): Heartbeat {
  let lastWall = performance.now();
  let lastCpu = cpuUsage();
  let blockedMs = 0;
  let wallMs = 0;
  let beats = 0;
  const beat = () => {
    const wall = performance.now();
    const cpu = cpuUsage(lastCpu);
    const wallGap = wall - lastWall;
    const cpuGap = (cpu.user + cpu.system) / 1000;
    blockedMs = Math.max(blockedMs, Math.min(wallGap, cpuGap));
    wallMs = Math.max(wallMs, wallGap);
    beats++;
    lastWall = wall;
    lastCpu = cpuUsage();
  };
  const timer = setInterval(beat, BEAT_MS);
  return {
    stop() {
      beat();
      clearInterval(timer);
      return { blockedMs, wallMs, beats };
    },
  };
}
