/**
 * Which workload wrote a hand-collected log, judged from its first bytes when the file name says
 * nothing (`journal.txt`, `agent.log`). Each workload is recognised by log shapes only it writes;
 * a file needs several such lines, or one unmistakable one, before it is attributed.
 */

interface Signature {
  service: string;
  /** Lines that only this workload writes; each match counts once per line. */
  markers: RegExp;
  /** A single line that settles it on its own (banner lines, binary paths). */
  banner?: RegExp;
}

const SIGNATURES: Signature[] = [
  {
    service: 'nomad-autoscaler',
    markers: /\b(?:policy_manager(?:\.policy_handler)?|policy_eval\.(?:worker|broker)|internal_plugin\.[\w-]+|agent\.plugin_manager|file_policy_source): /,
    banner: /Nomad Autoscaler agent|nomad-autoscaler(?:\s|$)/,
  },
  {
    service: 'nomad-server',
    // Bare `raft:` lines are Consul's too; only Nomad's RPC port ties them to a Nomad server.
    markers: /\b(?:nomad\.(?:raft|rpc|heartbeat|job\.\w+|plan_apply|autopilot|stats_fetcher|client|fsm)|nomad: (?:cluster leadership|raft|memberlist|plan for node)|raft: [^\n]*:4647\b|worker: failed to )/,
  },
  {
    service: 'nomad-client',
    // A bare `client: ` module only after an hclog level: nginx error lines carry `client: <ip>`.
    markers: /\b(?:client\.(?:alloc_runner|driver_mgr|fingerprint_mgr|server_mgr|rpc|gc|plugin|consul)[\w.]*|driver\.docker|fingerprint\.\w+): |\[(?:TRACE|DEBUG|INFO|WARN|ERR|ERROR)\] +client: /,
    banner: /^\s*Client: true\b/m,
  },
  {
    service: 'machine-runner',
    markers: /\/api\/v\d\/runner\/claim|\bworker loop: claim:|\bcircleci-(?:runner|launch-agent)\b/,
    banner: /\/usr\/bin\/circleci-runner machine|circleci-launch-agent --config/,
  },
  {
    service: 'container-agent',
    markers: /\bservice-work\b|could not (?:run|start) task(?: containers)?:|\bcircleci-container-agent\b|\bccita-[0-9a-f]{24}-/,
  },
  {
    service: 'nginx',
    // The error log's `2023/10/27 11:37:33 [error] 1109#0: ` and the combined access log's request.
    markers: /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[(?:emerg|alert|crit|error|warn|notice|info|debug)\] \d+#\d+: |\[\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] "(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+ HTTP\/[\d.]+" \d{3} /,
  },
  {
    service: 'traefik',
    // Traefik's logrus fields name its own objects: providers, entry points, routers, middlewares.
    markers: /\b(?:providerName|entryPointName|routerName|middlewareName)=/,
    banner: /\bTraefik version v?\d/,
  },
  // Data stores in their native formats, for logs attached by hand under a generic name.
  {
    service: 'redis',
    markers: /^(?:\d+:[XCSM] \d\d [A-Z][a-z]{2}(?: \d{4})? \d\d:\d\d:\d\d\.\d{3} [.\-*#] |\[\d+\] \d\d [A-Z][a-z]{2} \d\d:\d\d:\d\d\.\d{3} [.\-*#] )/,
    banner: /\bRedis version=\d|oO0OoO0OoO0Oo Redis is starting/,
  },
  {
    service: 'mongodb',
    markers: /"s"\s*:\s*"[DIWEF]\d?"\s*,\s*"c"\s*:\s*"[A-Z_]+"|^\d{4}-\d\d-\d\dT[\d:.]+[+-]\d{4} [DIWEF]\d? +(?:NETWORK|REPL|STORAGE|ASIO|COMMAND|CONTROL|SHARDING|ACCESS|INDEX|QUERY|WRITE|FTDC|ELECTION|RECOVERY|-) +\[/,
    banner: /\bMongoDB starting : pid=|"msg"\s*:\s*"MongoDB starting"/,
  },
  {
    service: 'postgresql',
    // The server pads its severity with two spaces (`ERROR:  deadlock detected`) whatever the
    // log_line_prefix; csvlog puts the severity and SQLSTATE in their own fields.
    markers: /\[\d+\](?:: \[\d+-\d+\])? (?:\S+ )?(?:LOG|FATAL|ERROR|WARNING|PANIC|DETAIL|HINT|STATEMENT): {2}|\bpostgres\[\d+\]: |(?:^|\s)(?:LOG|FATAL|ERROR|WARNING|PANIC|DETAIL|HINT|STATEMENT|CONTEXT): {2}\S|,(?:LOG|FATAL|ERROR|WARNING|PANIC),(?:[0-9A-Z]{5})?,"/,
    banner: /database system is ready to accept connections|starting PostgreSQL \d/,
  },
  {
    service: 'rabbitmq',
    // Mnesia, RabbitMQ's database, reports in its own shape: `Mnesia(rabbit@host): ** ERROR ** …`.
    markers: /\[(?:debug|info|notice|warning|error|critical)\] <\d+\.\d+\.\d+> |^=(?:INFO|WARNING|ERROR|CRASH) REPORT==== |\bMnesia\([^)\n]{1,200}\): \*\* (?:ERROR|WARNING|FATAL) \*\*/,
    banner: /\bStarting RabbitMQ \d|\bRabbitMQ \d+\.\d+\.\d+\. Copyright/,
  },
  {
    service: 'vault',
    markers: /\b(?:core\.cluster-listener|storage\.raft(?:\.\w+)?|secrets\.kv\.\w+|core: (?:vault is (?:un)?sealed|post-unseal|pre-seal|security barrier|seal configuration|stored unseal keys|acquired lock|entering standby mode|successfully (?:un)?sealed|sealing|unsealed))\b/,
    banner: /==> Vault server (?:configuration|started)/,
  },
  {
    service: 'minio',
    markers: /\(\*errors\.errorString\)|\bAPI: SYSTEM\(|\bXMinio\w+|\bMINIO_[A-Z_]+|\bminio\/(?:minio|cmd)\b/,
    banner: /MinIO Object Storage Server|Copyright: \d{4}-\d{4} MinIO/,
  },
];

/** Lines of a signature needed before a file is attributed without a banner. */
const MIN_MARKERS = 2;

/** The workload whose log shapes dominate `head`, if any clearly does. */
export function serviceFromContent(head: string): string | undefined {
  const lines = head.split('\n');
  let best: { service: string; score: number } | undefined;
  for (const signature of SIGNATURES) {
    if (signature.banner?.test(head)) return signature.service;
    const score = lines.filter((line) => signature.markers.test(line)).length;
    if (score && (!best || score > best.score)) best = { service: signature.service, score };
  }
  // One marker line is enough when the file is that single line (a pasted excerpt).
  const meaningful = lines.filter((line) => line.trim()).length;
  return best && (best.score >= MIN_MARKERS || best.score === meaningful) ? best.service : undefined;
}

const byService = (service: string): Signature => SIGNATURES.find((s) => s.service === service)!;
/** Inside a log already known to be Nomad's, any raft line means a server: clients run no raft. */
const NOMAD_SERVER_LINE = new RegExp(`${byService('nomad-server').markers.source}|\\braft: `);
const NOMAD_CLIENT_LINE = byService('nomad-client').markers;

/** Nomad agents run as the `nomad` unit on clients and servers alike; the modules tell them apart. */
export function nomadRoleFromContent(head: string): 'nomad-server' | 'nomad-client' {
  const lines = head.split('\n');
  const server = lines.filter((line) => NOMAD_SERVER_LINE.test(line)).length;
  const client = lines.filter((line) => NOMAD_CLIENT_LINE.test(line)).length;
  return server > client ? 'nomad-server' : 'nomad-client';
}
