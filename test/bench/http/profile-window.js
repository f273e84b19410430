/*
 * Preloaded (node -r) only when profiling: CPU-profiles the process between two marker files, so that
 * start-up and idle time stay out of the profile. BENCH_PROFILE_DIR/start begins, BENCH_PROFILE_DIR/stop
 * writes BENCH_PROFILE_DIR/app.cpuprofile and removes both markers.
 */
const { existsSync, rmSync, writeFileSync } = require('node:fs');
const { Session } = require('node:inspector');
const { join } = require('node:path');

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  let profiling = false;
  setInterval(() => {
    if (!profiling && existsSync(join(dir, 'start'))) {
      rmSync(join(dir, 'start'));
      profiling = true;
      session.post('Profiler.enable', () => session.post('Profiler.start'));
    } else if (profiling && existsSync(join(dir, 'stop'))) {
      rmSync(join(dir, 'stop'));
      profiling = false;
      session.post('Profiler.stop', (error, result) => {
        if (!error) writeFileSync(join(dir, 'app.cpuprofile'), JSON.stringify(result.profile));
      });
    }
  }, 100).unref();
}
