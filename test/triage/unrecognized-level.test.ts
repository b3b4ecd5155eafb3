import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_LEVEL_LITERALS, isErrorLevel, logLevelOf, mayBeErrorLevel } from '../../functions/triage/scan/log-level.js';
import { LiteralAutomaton } from '../../functions/triage/scan/literal-automaton.js';

/** One line per log dialect of a CircleCI Server installation (format shapes, values made up). */
const TABLE: [format: string, line: string, level: string | undefined][] = [
  ['hclog ERROR', '2025-03-14T09:40:12.318Z [ERROR] client.alloc_runner: postrun failed: alloc_id=1b2c error="hook failed"', 'error'],
  ['hclog INFO padded', '2025-03-14T09:40:12.318Z [INFO]  client: node registration complete', 'info'],
  ['hclog under journald', 'Mar 14 09:40:12 ip-10-0-1-2 nomad[1234]:     2025-03-14T09:40:12.318Z [ERROR] client: failed to heartbeat: error="timeout"', 'error'],
  ['journald short-iso', '2025-03-14T09:40:12+0000 ip-10-0-1-2 nomad[1234]: 2025-03-14T09:40:12.318Z [WARN]  client: slow', 'warn'],
  ['CRI file prefix', '2025-03-14T09:40:12.318412345Z stderr F 2025-03-14T09:40:12.318Z [ERROR] agent: stopped', 'error'],
  ['kubectl --prefix', '[pod/nomad-server-0/nomad-server] 2025-03-14T09:40:12.318Z [ERROR] worker: failed', 'error'],
  ['logrus level=error', 'time="2025-03-14T09:40:12Z" level=error msg="failed to claim task" runner=abc', 'error'],
  ['logrus info mentioning error', 'time="2025-03-14T09:40:12Z" level=info msg="retrying after error" attempt=2', 'info'],
  ['zap JSON error', '{"level":"error","ts":"2025-03-14T09:40:12.318Z","caller":"x/y.go:12","msg":"dispatch failed"}', 'error'],
  ['zap JSON info with error field', '{"level":"info","ts":"2025-03-14T09:40:12.318Z","msg":"done","error":"none"}', 'info'],
  ['pino numeric 50', '{"level":50,"time":1710409212318,"msg":"request failed"}', 'error'],
  // real (cut after its first field), Traefik v2 zerolog console, https://github.com/traefik/traefik/issues/9929
  ['zerolog console ERR', '2023-06-07T15:56:55Z ERR github.com/traefik/traefik/v2/pkg/provider/kubernetes/crd/kubernetes_tcp.go:73 > Cannot create service error="service not found"', 'error'],
  // synthetic, the same writer at INF and WRN
  ['zerolog console INF', '2023-06-07T15:56:55Z INF github.com/traefik/traefik/v2/cmd/traefik/traefik.go:105 > Traefik version 2.10.1 built on 2023-04-27T14:52:35Z', 'info'],
  ['zerolog console WRN', '2023-06-07T15:56:55+02:00 WRN Router uses a path which may be encoded', 'warn'],
  // Synthetic, in logrus's terminal format as dockerd and the docker CLI print it.
  ['Go log then [ERR] (Nomad before 0.9)', '2018/06/23 15:13:32.671029 [ERR] client: dropping update to alloc \'e6241bfc-7aeb-bd4e-a882-e32ceed4b207\'', 'error'],
  ['Go log then [WARN]', '2017/01/24 03:51:25.520362 [WARN] nomad.rpc: RPC request for region \'global\', no path found', 'warn'],
  ['logrus terminal ERRO', 'ERRO[2021-03-11T14:30:38.471708685+01:00] cleanup: failed to delete container from containerd: no such container', 'error'],
  ['logrus terminal FATA', 'FATA[0000] Error starting daemon: pid file found, ensure docker is not running', 'fatal'],
  ['logrus terminal WARN', 'WARN[0000] Running in rootless mode. Cgroups, AppArmor, and CRIU are disabled.', 'warn'],
  ['logrus terminal INFO', 'INFO[0000] API listen on /var/run/docker.sock', 'info'],
  ['zap console tabs', '2025-03-14T09:40:12.318Z\terror\tprovision/instance.go:131\tlaunch failed', 'error'],
  ['klog E', 'E0314 09:40:12.318412       1 proxier.go:1565] "Failed to execute iptables-restore" err="exit status 1"', 'error'],
  ['klog F', 'F0314 09:40:12.318412       1 server.go:12] cannot start', 'fatal'],
  ['klog I', 'I0314 09:40:12.318412       1 server.go:12] "Starting"', 'info'],
  ['PostgreSQL FATAL', '2025-03-14 09:40:12.318 UTC [4121] FATAL:  password authentication failed for user "circle"', 'fatal'],
  ['PostgreSQL PANIC custom prefix', '2025-03-14 09:40:12 UTC:10.0.1.5(5432):circle@circle:[77]:PANIC:  could not write to file', 'fatal'],
  ['PostgreSQL LOG', '2025-03-14 09:40:12.318 UTC [64] LOG:  checkpoint starting: time', 'info'],
  ['RabbitMQ [error]', '2025-03-14 09:40:12.318 [error] <0.1234.0> closing AMQP connection <0.1234.0> (10.0.1.5:5672):', 'error'],
  ['RabbitMQ OTP report', '=ERROR REPORT==== 14-Mar-2025::09:40:12 ===', 'error'],
  ['MongoDB E', '{"t":{"$date":"2025-03-14T09:40:12.318+00:00"},"s":"E",  "c":"NETWORK",  "id":23255, "ctx":"conn12","msg":"Error receiving request from client"}', 'error'],
  ['MongoDB F', '{"t":{"$date":"2025-03-14T09:40:12.318+00:00"},"s":"F",  "c":"-",  "id":23089, "ctx":"main","msg":"Fatal assertion"}', 'fatal'],
  ['MongoDB I mentioning error', '{"t":{"$date":"2025-03-14T09:40:12.318+00:00"},"s":"I",  "c":"NETWORK",  "id":22944, "ctx":"conn1","msg":"Connection ended","attr":{"error":"x"}}', 'info'],
  ['Redis # warning', '1:M 14 Mar 2025 09:40:12.318 # Error accepting a client connection: Connection reset by peer', 'warn'],
  ['Logback ERROR', '2025-03-14 09:40:12.318 ERROR 1 --- [nio-3000-exec-1] c.c.contexts.Handler : request failed', 'error'],
  ['Logback after thread', '09:40:12.318 [main] ERROR c.c.Foo - boom', 'error'],
  ['Java uncaught', 'Exception in thread "main" java.lang.IllegalStateException: boom', 'fatal'],
  ['Go panic', 'panic: runtime error: invalid memory address or nil pointer dereference', 'fatal'],
  ['Python traceback', 'Traceback (most recent call last):', 'fatal'],
  ['Node unhandled', 'UnhandledPromiseRejectionWarning: Error: connect ECONNREFUSED 127.0.0.1:5432', 'fatal'],
  ['Go http server, no level, out of descriptors', 'Jul 30 01:31:02 nomad-agent1 2016/07/30 01:31:02 http: Accept error: accept tcp [::]:4646: accept4: too many open files; retrying in 5ms', 'error'],
  ['kernel OOM kill, no level', 'Out of memory: Killed process 4121 (java) total-vm:8123456kB, anon-rss:4012345kB', 'error'],
  // Synthetic: a stated INFO level is kept.
  ['INFO stating the level wins', '2025-03-14T09:40:12.318Z [INFO]  client.gc: garbage collecting allocation: reason="disk usage of 91 is over gc threshold of 80" no space left on device', 'info'],
  ['stack frame', '    at com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)', undefined],
  ['plain prose', 'the error budget is fine', undefined],
];

describe('log level of a record', () => {
  it.each(TABLE)('%s', (_format, line, level) => {
    expect(logLevelOf(line)).toBe(level);
  });

  it('calls only error and fatal records error-level', () => {
    const errors = TABLE.filter(([, line]) => isErrorLevel(line)).map(([, , level]) => level);
    expect(new Set(errors)).toEqual(new Set(['error', 'fatal']));
  });

  it('puts an error-level marker literal on every error-level line of the table', () => {
    const automaton = new LiteralAutomaton(ERROR_LEVEL_LITERALS, { engine: 'js' });
    for (const [format, line, level] of TABLE) {
      if (level !== 'error' && level !== 'fatal') continue;
      let hit = false;
      automaton.scanLines(Buffer.from(`${line}\n`), () => (hit = true));
      expect(hit, format).toBe(true);
    }
  });

  it('pre-checks without a miss: every error or fatal record of the table and of the corpus passes mayBeErrorLevel', () => {
    const corpus = join(import.meta.dirname, '..', 'corpus');
    const lines = readdirSync(corpus)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(join(corpus, f), 'utf8').split('\n').filter(Boolean))
      .map((l) => (JSON.parse(l) as { text: string }).text);
    const all = [...TABLE.map(([, line]) => line), ...lines];
    const errors = all.filter((line) => ['error', 'fatal'].includes(logLevelOf(line) ?? ''));
    expect(errors.length).toBeGreaterThan(50);
    for (const line of errors) expect(mayBeErrorLevel(line), line).toBe(true);
    expect(mayBeErrorLevel('2025-03-14 07:31:28.388  INFO 1 --- [pool-2-thread-4] c.c.core : published notification status=failed')).toBe(false);
  });
});
