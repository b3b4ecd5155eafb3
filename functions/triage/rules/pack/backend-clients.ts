import type { Rule } from '../rule.js';
import { re, STORE_CLIENTS } from './shared.js';

/** Backend clients (data stores seen from services). */
export const backendClientsRules: Rule[] = [
  {
    id: 'contexts-service.hikari-pool-init-failed',
    title: 'contexts-service cannot initialise its database pool',
    issueType: 'data-store',
    severity: 'critical',
    appliesTo: { services: ['contexts-service'] },
    patterns: [re`Exception during pool initialization`, re`PoolInitializationException`, re`Failed to initialize pool`],
    explanation: 'contexts-service could not open any database connection at startup; all builds using contexts fail.',
    remediation: ['Check PostgreSQL health and credentials, then restart contexts-service.'],
  },
  {
    id: 'contexts-service.hikari-connection-unavailable',
    title: 'contexts-service database connection pool exhausted (HikariPool)',
    issueType: 'data-store',
    severity: 'high',
    appliesTo: { services: ['contexts-service'] },
    patterns: [re`Connection is not available, request timed out after \d+ms`],
    explanation:
      'contexts-service waited for a free database connection and gave up. Context fetches fail or slow down, which makes execution-gateway and distributor time out and jobs end in infra_fail (cascade).',
    remediation: [
      'Check PostgreSQL for slow queries, locks or connection limits at the same time.',
      'Watch contexts-service CPU/memory and pool usage under load; scale contexts-service or raise the pool size if the database has headroom.',
    ],
  },
  {
    id: 'backend.hikari-connection-unavailable',
    title: 'Database connection pool exhausted (HikariPool)',
    issueType: 'data-store',
    severity: 'high',
    appliesTo: { services: STORE_CLIENTS.filter((s) => s !== 'contexts-service') },
    patterns: [
      re`Connection is not available, request timed out after \d+ms`,
      re`Exception during pool initialization`,
      re`Failed to initialize pool`,
      // Hibernate's wrapper around a pool timeout or a refused connection.
      re`JDBCConnectionException: Unable to acquire JDBC Connection`,
    ],
    explanation: 'A Java service could not get a database connection from its pool; its requests fail until the database recovers.',
    remediation: ['Check PostgreSQL health (connection slots, slow queries) and the service pool size.'],
    references: ['https://github.com/brettwooldridge/HikariCP/issues/1111', 'https://github.com/brettwooldridge/HikariCP/issues/1007'],
  },
  {
    id: 'postgresql.client-connection-failure',
    title: 'Service cannot connect to PostgreSQL',
    issueType: 'data-store',
    severity: 'high',
    appliesTo: { services: STORE_CLIENTS },
    patterns: [
      re`Connection to (?<host>[^ \n]{1,255}) refused\. Check that the hostname and port are correct`,
      re`dial tcp (?<host>[\w.:[\]-]{1,255}):5432: connect: connection refused`,
      re`The connection attempt failed`,
      re`PSQLException: Connection to (?<host>[^ \n]{1,255}) refused`,
      re`(?:postgres|PostgreSQL|postgresql)[^\n]{0,120}?[Cc]onnection refused`,
      // libpq 14+: `connection to server at "<host>" (<addr>), port 5432 failed: ...`; older: `could not connect to server: ...`.
      re`connection to server (?:at|on socket) "(?<host>[^"\n]{1,255})"[^\n]{0,80}? failed: (?:Connection refused|No such file or directory|timeout expired|Connection timed out|No route to host)`,
      re`could not connect to server: (?:Connection refused|Connection timed out|No route to host)`,
    ],
    references: ['https://github.com/axelor/open-platform-demo/issues/9', 'https://github.com/exadel-inc/CompreFace/issues/1224', 'https://github.com/EnterpriseDB/edb-installers/issues/563'],
    explanation: 'The service could not open a connection to PostgreSQL (pod down, restarting or unreachable).',
    remediation: ['Check the postgresql pod status and its previous logs; check cluster networking if the pod is healthy.'],
  },
  {
    id: 'postgresql.client-sees-disk-full',
    title: 'PostgreSQL answers a service with a full-disk error',
    issueType: 'data-store',
    severity: 'critical',
    appliesTo: { services: STORE_CLIENTS },
    patterns: [re`could not (?:extend|write to) file "(?<file>[^"\n]{1,255})": No space left on device`],
    explanation:
      'A service relays PostgreSQL\'s own error: the database volume is full, so inserts and updates fail for every service that writes to it (the server log says the same, if the bundle has it).',
    remediation: [
      'Check the PostgreSQL volume: kubectl exec <postgresql-pod> -n <namespace> -- df -h /bitnami/postgresql (or the data directory of an external database).',
      'Grow the persistent volume (or the RDS storage) and check what filled it (WAL kept by a stale replication slot, table bloat).',
    ],
    references: ['https://github.com/sipcapture/homer7-docker/issues/89', 'https://github.com/matrix-org/synapse/issues/10594'],
  },
  {
    id: 'mongodb.client-connection-failure',
    title: 'Service cannot connect to MongoDB',
    issueType: 'data-store',
    severity: 'high',
    // Hand-pasted client errors come from any driver, so files that name no service count too.
    appliesTo: { services: [...STORE_CLIENTS, 'unknown'] },
    patterns: [
      re`dial tcp (?<host>[\w.:[\]-]{1,255}):27017: connect: connection refused`,
      re`MongoSocket(?:Open|Read|ReadTimeout|Write)Exception`,
      re`MongoTimeoutException`,
      // The Java driver's server selection timeout, also when wrapped by another library.
      re`Timed out (?:after \d+ ms )?while waiting for a server that matches`,
      re`server selection error`,
      // Node.js, Python, Ruby and legacy Node drivers.
      re`Mongo(?:ose)?ServerSelectionError: `,
      re`ServerSelectionTimeoutError: `,
      re`MongoError: failed to connect to server \[`,
      re`Mongo::Error::(?:SocketError|SocketTimeoutError|NoServerAvailable)`,
      re`not master and slaveOk=false`,
      re`[Mm]ongo[^\n]{0,120}?[Cc]onnection refused`,
    ],
    references: [
      'https://github.com/fluidsonic/fluid-mongo/issues/4',
      'https://github.com/vert-x3/vertx-mongo-client/issues/138',
      'https://github.com/sourcemuse/GradleMongoPlugin/issues/41',
      'https://github.com/dboissier/mongo4idea/issues/244',
      'https://github.com/disney/meteor-base/issues/83',
      'https://github.com/virtool/virtool/issues/699',
      'https://github.com/slack-ruby/slack-ruby-bot-server-events-sample/issues/6',
      'https://github.com/cravall/mongo-k8s-sidecar/issues/54',
    ],
    explanation: 'The service could not reach MongoDB, the primary datastore for job output and usage; builds and UI pages that need it fail.',
    remediation: ['Check the mongodb pods (kubectl get pods -l app.kubernetes.io/name=mongodb -n <namespace>) and their previous logs.'],
  },
  {
    id: 'redis.client-connection-failure',
    title: 'Service cannot connect to Redis',
    issueType: 'data-store',
    severity: 'high',
    appliesTo: { services: STORE_CLIENTS },
    patterns: [
      re`dial tcp (?<host>[\w.:[\]-]{1,255}):6379: connect: connection refused`,
      re`JedisConnectionException`,
      re`RedisConnectionException`,
      re`Could not get a resource from the pool`,
      re`Lost connection to Redis server`,
      re`Connection to Redis [^\n]{1,100}? failed after \d+ failures`,
      re`[Rr]edis[^\n]{0,120}?(?:[Cc]onnection refused|i/o timeout|[Cc]onnection reset)`,
      // Node.js clients (ioredis, node-redis) print the socket errno, not the words (redis/ioredis#460, easy-mock/easy-mock#362).
      re`[Rr]edis[^\n]{0,120}?\b(?:ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ECONNRESET|ENOTFOUND)\b`,
      // Go clients name themselves, not the store: go-redis's pool and redigo's errors (redis/go-redis#2996, #3705; SkygearIO/skygear-server#1206).
      re`\bredis: connection pool(?: timeout|: failed to dial)`,
      re`\bredigo: (?:no sentinels available|connection pool exhausted|[^\n]{0,80}?dial tcp)`,
      // Carmine, the Clojure client: its connection error, or a socket exception raised through its frames (threatgrid/ctia#892, #747).
      re`\bCarmine connection error\b`,
      re`(?:SocketTimeoutException|ConnectException|SocketException|EOFException)\b[^\n]{0,200}(?:\n[^\n]{0,300}){0,12}?\n\s+at taoensso\.carmine\.`,
    ],
    references: ['https://github.com/redis/jedis/issues/3844', 'https://github.com/RedisBloom/JRedisBloom/issues/21', 'https://github.com/MRLIVING/magento/issues/76', 'https://github.com/redis/ioredis/issues/460', 'https://github.com/easy-mock/easy-mock/issues/362', 'https://github.com/redis/go-redis/issues/2996', 'https://github.com/threatgrid/ctia/issues/892', 'https://github.com/threatgrid/ctia/issues/747'],
    explanation: 'The service could not reach Redis (cache, build logs, rate-limit counters); a failed cache can lead to VCS rate limiting.',
    remediation: ['Check the redis pod, its memory and its volume (pvc-redis output).'],
  },
  {
    id: 'rabbitmq.client-auth-refused',
    title: 'Service login to RabbitMQ refused',
    issueType: 'data-store',
    severity: 'high',
    appliesTo: { services: [...STORE_CLIENTS, 'unknown'] },
    patterns: [
      re`ACCESS_REFUSED - Login was refused using authentication mechanism (?<mechanism>\w+)`,
      re`com\.rabbitmq\.client\.AuthenticationFailureException`,
      // A login that works but lacks permissions on a vhost resource (clients quote the broker text).
      re`ACCESS_REFUSED - access to (?:queue|exchange) [^\n]{1,300}? refused for user`,
    ],
    references: ['https://github.com/rabbitmq/rabbitmq-server/issues/1081', 'https://github.com/php-amqplib/php-amqplib/issues/273', 'https://github.com/amqp-node/amqplib/issues/237', 'https://github.com/toa-io/comq/issues/184'],
    explanation: 'RabbitMQ rejected the credentials the service uses, or its permissions on a vhost resource; it cannot publish or consume, so workflow messaging, output, notifications and scheduling stall.',
    remediation: ['Compare the RabbitMQ credentials and vhost permissions in the Helm values / secrets with rabbitmqctl list_users and list_permissions, then restart the service.'],
  },
  {
    id: 'rabbitmq.client-connection-failure',
    title: 'Service cannot connect to RabbitMQ',
    issueType: 'data-store',
    severity: 'high',
    appliesTo: { services: STORE_CLIENTS },
    patterns: [
      re`dial tcp (?<host>[\w.:[\]-]{1,255}):5672: connect: connection refused`,
      re`Exception \((?:320|50[1-6]|530|541)\) Reason: \\?"`,
      re`CONNECTION_FORCED - broker forced connection closure`,
      re`com\.rabbitmq\.client\.(?:ShutdownSignalException|AlreadyClosedException|MissedHeartbeatException)`,
      // Client-side heartbeat loss: py-amqp (celery/py-amqp#6), dart_amqp (achilleasa/dart_amqp#106).
      re`[Tt]oo many (?:heartbeats missed|missed heartbeats)|did not respond to heartbeats for \d+s`,
      // The Java client's (and langohr's) automatic recovery failing to reconnect (michaelklishin/langohr#49, #87).
      re`Caught an exception during connection recovery`,
      re`(?:AMQP|amqp|RabbitMQ|rabbitmq)[^\n]{0,120}?(?:[Cc]onnection refused|connection reset by peer|[Cc]onnection reset)`,
    ],
    references: ['https://github.com/ITV/bucky/issues/46', 'https://github.com/jxsl13/amqpx/issues/55', 'https://github.com/eandersson/amqpstorm/issues/35'],
    explanation: 'The service lost or could not open its AMQP connection; workflow messaging, output, notifications and scheduling that go through RabbitMQ are delayed.',
    remediation: ['Check the rabbitmq pods and logs (alarms, partitions) and queue depths (rabbitmq-list-queues output).'],
  },
  {
    id: 'vault.client-unreachable',
    title: 'Service cannot reach Vault',
    issueType: 'data-store',
    severity: 'high',
    appliesTo: { services: STORE_CLIENTS, topology: { secrets: 'vault' } },
    patterns: [
      re`:8200[^\n]{0,40}?(?:connection refused|Connection refused|i/o timeout)`,
      re`[Vv]ault[^\n]{0,100}?(?:[Cc]onnection refused|i/o timeout|timed out|no such host)`,
    ],
    explanation: 'The service could not reach Vault to encrypt or decrypt secrets; builds using contexts fail.',
    remediation: ['Check the vault pod status and whether it is sealed; check cluster networking.'],
  },
];
