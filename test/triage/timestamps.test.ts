import { describe, expect, it } from 'vitest';
import { timestampOf } from '../../functions/triage/scan/timestamps.js';
import { logLevelOf } from '../../functions/triage/scan/log-level.js';

describe('timestampOf', () => {
  it.each([
    ['2025-03-14T09:40:12.318Z [WARN]  policy_manager: x', '2025-03-14T09:40:12.318Z', false],
    ['time="2025-03-14T09:40:12+02:00" level=error msg=x', '2025-03-14T07:40:12.000Z', false],
    ['{"level":"error","ts":"2025-03-14T09:40:12.5Z","msg":"x"}', '2025-03-14T09:40:12.500Z', false],
    ['2025-03-14 09:38:00.001 UTC [812] FATAL:  too many connections', '2025-03-14T09:38:00.001Z', false],
    ['2025-03-14 09:38:00.123456+00:00 [error] <0.1.0> x', '2025-03-14T09:38:00.123Z', false],
    ['2025-03-14 09:39:58.120 ERROR 1 --- [main] c.c.X : y', '2025-03-14T09:39:58.120Z', true],
    ['E0314 18:00:01.123456       1 proxier.go:1565] "Sync failed"', '2025-03-14T18:00:01.123Z', true],
    ['Mar 14 09:39:01 ip-10-0-12-34 nomad[1234]: x', '2025-03-14T09:39:01.000Z', true],
    ['{"ts":1710409212.25,"msg":"x"}', '2024-03-14T09:40:12.250Z', false],
  ])('reads %s', (line, iso, assumed) => {
    expect(timestampOf(line, 2025)).toEqual({ iso, assumed });
  });

  it('returns undefined for lines without a time', () => {
    expect(timestampOf('  | 1 error occurred:', 2025)).toBeUndefined();
  });
});

describe('logLevelOf', () => {
  it.each([
    ['2025-03-14T09:40:12.318Z [DEBUG] agent: x', 'debug'],
    ['2025-03-14T09:40:12.318Z [WARN]  agent: x', 'warn'],
    ['time="..." level=error msg=x', 'error'],
    ['{"level":"info","msg":"timeout=30s"}', 'info'],
    ['E0314 18:00:01.123456 1 proxier.go:1] x', 'error'],
    ['2025-03-14 09:39:58.120 DEBUG 1 --- [main] HikariPool-1 - Pool stats', 'debug'],
    ['2025-03-14 09:38:00.001 UTC [812] FATAL:  x', 'fatal'],
    ['2025-03-14 09:38:00.123456+00:00 [error] <0.1.0> x', 'error'],
    ['Mar 14 09:39:01 host nomad[1]: 2025-03-14T09:39:01Z [ERROR] client: x', 'error'],
    ['2025-03-14 09:38:00,570 - MainThread - botocore.credentials - DEBUG - x', 'debug'],
    ['2025-03-14 09:38:00,660 - 48010 - [slurm_plugin.fleet_manager:_launch_instances] - ERROR - x', 'error'],
  ])('reads the level of %s', (line, level) => {
    expect(logLevelOf(line)).toBe(level);
  });
  it('is undefined when the format states none', () => {
    expect(logLevelOf('plain text line')).toBeUndefined();
  });
});
