import type { Negative, Positive } from '../helpers.js';

const r = String.raw;

/** Cluster networking, integrations, API access and support bundle quality. */
export const edgePositives: Positive[] = [
  // kube-proxy (klog, structured and older unstructured) and CoreDNS
  {
    rule: 'kube-proxy.iptables-restore-failed',
    service: 'kube-proxy',
    format: 'klog structured',
    line: r`E0314 18:00:01.123456       1 proxier.go:1565] "Failed to execute iptables-restore" err="exit status 1 (iptables-restore: line 8022 failed\n)"`,
  },
  {
    rule: 'kube-proxy.iptables-restore-failed',
    service: 'kube-proxy',
    format: 'klog unstructured',
    line: 'E0314 18:00:01.123456       1 proxier.go:1422] Failed to execute iptables-restore: exit status 1 (iptables-restore: line 8022 failed)',
  },
  {
    rule: 'kube-proxy.sync-failed',
    service: 'kube-proxy',
    format: 'klog structured',
    line: 'E0314 18:00:01.123500       1 proxier.go:859] "Sync failed" retryingTime="30s"',
    captures: { seconds: '30' },
  },
  {
    rule: 'coredns.upstream-timeout',
    service: 'coredns',
    format: 'CoreDNS',
    line: '[ERROR] plugin/errors: 2 circleci.example.com. A: read udp 10.0.1.5:43210->10.0.0.2:53: i/o timeout',
    captures: { host: 'circleci.example.com.' },
  },
  {
    rule: 'coredns.resolution-error',
    service: 'coredns',
    format: 'CoreDNS',
    line: '[ERROR] plugin/errors: 2 ghe.example.com. AAAA: dial udp 10.0.0.2:53: connect: network is unreachable',
    captures: { host: 'ghe.example.com.' },
  },

  // custom integrations
  {
    rule: 'integration.tls-untrusted-ca',
    service: 'workflows-conductor-event-consumer',
    format: 'JSON with escaped quotes',
    line: r`{"level":"error","msg":"github api call failed","error":"Get \"https://ghe.example.com/api/v3/repos/acme/app\": x509: certificate signed by unknown authority"}`,
    captures: { url: 'https://ghe.example.com/api/v3/repos/acme/app' },
  },
  {
    rule: 'integration.tls-untrusted-ca',
    service: 'frontend',
    format: 'logfmt',
    line: 'time="2025-03-14T09:39:00Z" level=error msg="oauth exchange failed" error="x509: certificate signed by unknown authority"',
  },
  {
    rule: 'integration.tls-untrusted-ca',
    service: 'frontend',
    format: 'Java exception',
    line: 'javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
  },
  {
    rule: 'integration.tls-untrusted-ca',
    service: 'api-client',
    kind: 'curl-transcript',
    format: 'curl -vvv',
    line: '* SSL certificate problem: unable to get local issuer certificate',
  },
  {
    rule: 'integration.tls-cert-expired',
    service: 'frontend',
    format: 'logfmt',
    line: 'level=error msg="webhook registration" error="x509: certificate has expired or is not yet valid: current time 2025-03-14T09:39:00Z is after 2025-03-01T00:00:00Z"',
  },
  {
    rule: 'integration.tls-cert-expired',
    service: 'api-client',
    kind: 'curl-transcript',
    format: 'curl -vvv',
    line: '* SSL certificate problem: certificate has expired',
  },
  {
    rule: 'integration.tls-hostname-mismatch',
    service: 'frontend',
    format: 'logfmt',
    line: 'level=error msg="vcs call" error="x509: certificate is valid for ghe-old.example.com, *.old.example.com, not ghe.example.com"',
    captures: { host: 'ghe.example.com' },
  },
  {
    rule: 'integration.tls-hostname-mismatch',
    service: 'api-client',
    kind: 'curl-transcript',
    format: 'curl -vvv',
    line: "* SSL: no alternative certificate subject name matches target host name 'ghe.example.com'",
    captures: { host: 'ghe.example.com' },
  },
  {
    rule: 'integration.proxy-auth-required',
    service: 'api-client',
    kind: 'curl-transcript',
    format: 'curl -vvv',
    line: '< HTTP/1.1 407 Proxy Authentication Required',
    captures: { statusCode: '407' },
  },
  {
    rule: 'integration.proxy-auth-required',
    service: 'workflows-conductor-event-consumer',
    format: 'JSON',
    line: '{"level":"error","msg":"checkout config","error":"proxyconnect tcp: 407 Proxy Authentication Required"}',
  },
  {
    rule: 'integration.vcs-auth-or-rate-limit',
    service: 'frontend',
    format: 'JSON with escaped body',
    line: r`{"level":"warn","msg":"github request failed","status":401,"body":"{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\"}"}`,
  },
  {
    rule: 'integration.vcs-auth-or-rate-limit',
    service: 'workflows-conductor-event-consumer',
    format: 'logfmt',
    line: 'level=warn msg="github api" error="403 API rate limit exceeded for installation ID 123."',
  },
  {
    rule: 'integration.webhook-failure',
    service: 'workflows-conductor-event-consumer',
    format: 'logfmt',
    line: 'level=error msg="webhook signature verification failed" vcs=github-enterprise',
  },
  {
    rule: 'integration.webhook-failure',
    service: 'frontend',
    format: 'Logback',
    line: '2025-03-14 09:39:58.120 ERROR 1 --- [http-3] c.c.hooks.Receiver : GitHub Enterprise webhook delivery failed: read timeout',
  },

  // API connection
  {
    rule: 'api.presigned-url-expired',
    service: 'api-client',
    kind: 'curl-transcript',
    format: 'S3 XML body in a curl transcript',
    line: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message><X-Amz-Expires>900</X-Amz-Expires><Expires>2025-03-14T09:15:00Z</Expires><ServerTime>2025-03-14T09:40:00Z</ServerTime></Error>',
    captures: { seconds: '900' },
  },
  {
    rule: 'api.curl-http-5xx',
    service: 'api-client',
    kind: 'curl-transcript',
    format: 'curl -vvv HTTP/1.1',
    line: '< HTTP/1.1 503 Service Unavailable',
    captures: { statusCode: '503' },
  },
  {
    rule: 'api.curl-http-5xx',
    service: 'api-client',
    kind: 'curl-transcript',
    format: 'curl -vvv HTTP/2',
    line: '< HTTP/2 500 ',
    captures: { statusCode: '500' },
  },
  {
    rule: 'api.curl-http-403',
    service: 'api-client',
    kind: 'curl-transcript',
    format: 'curl -vvv',
    line: '< HTTP/2 403 ',
    captures: { statusCode: '403' },
  },
  {
    rule: 'api.curl-http-404',
    service: 'api-client',
    kind: 'curl-transcript',
    format: 'curl -vvv',
    line: '< HTTP/1.1 404 Not Found',
    captures: { statusCode: '404' },
  },
  {
    rule: 'api.ingress-5xx',
    service: 'nginx',
    format: 'nginx ingress access log',
    line: '10.0.1.5 - - [14/Mar/2025:09:38:00 +0000] "POST /api/v2/workflow/5f1c/approve/7a2b HTTP/1.1" 502 150 "-" "curl/8.5.0" 1024 0.123 [circleci-server-frontend-80] [] 10.0.1.2:80 0 0.120 502 abc123',
    captures: { url: '/api/v2/workflow/5f1c/approve/7a2b', statusCode: '502' },
  },
  {
    rule: 'api.ingress-upstream-error',
    service: 'nginx',
    format: 'nginx error log',
    line: '2025/03/14 09:38:00 [error] 23#23: *1234 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.1.5, server: circleci.example.com, request: "GET /api/v2/me HTTP/1.1", upstream: "http://10.0.3.4:80/api/v2/me", host: "circleci.example.com"',
    captures: { url: '/api/v2/me' },
  },
  {
    rule: 'api.ingress-upstream-error',
    service: 'nginx',
    format: 'nginx error log',
    line: '2025/03/14 09:38:01 [error] 23#23: *1235 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.1.5, server: circleci.example.com, request: "POST /api/v2/project/gh/acme/app/pipeline HTTP/1.1", upstream: "http://10.0.3.4:80/", host: "circleci.example.com"',
    captures: { url: '/api/v2/project/gh/acme/app/pipeline' },
  },

  {
    rule: 'frontend.backend-unreachable',
    service: 'frontend',
    format: 'logfmt',
    line: 'time="2025-03-14T09:33:38Z" level=error msg="request failed" path=/api/v2/pipeline error="dial tcp 172.20.106.231:3000: i/o timeout"',
    captures: { host: '172.20.106.231:3000' },
  },

  // support bundle quality
  {
    rule: 'bundle.log-stream-rate-limited',
    service: 'unknown',
    kind: 'collector-errors',
    format: 'collector errors JSON array',
    line: '["failed to get log stream: client rate limiter Wait returned an error: context deadline exceeded"]',
  },
  {
    rule: 'bundle.log-stream-rate-limited',
    service: 'nomad-server',
    kind: 'collector-errors',
    format: '-logs-errors.log',
    line: 'failed to get log stream: client rate limiter Wait returned an error: context deadline exceeded',
  },
  {
    rule: 'bundle.rbac-forbidden',
    service: 'unknown',
    kind: 'collector-errors',
    format: 'collector errors JSON array (escaped quotes)',
    line: r`["pods is forbidden: User \"system:serviceaccount:circleci-server:support\" cannot list resource \"pods\" in API group \"\" in the namespace \"kube-system\""]`,
    captures: { action: 'list', resource: 'pods' },
  },
  {
    rule: 'bundle.rbac-forbidden',
    service: 'nomad-server',
    kind: 'collector-errors',
    format: 'exec errors, plain',
    line: 'pods "nomad-server-0" is forbidden: User "jane@example.com" cannot create resource "pods/exec" in API group "" in the namespace "circleci-server"',
    captures: { action: 'create', resource: 'pods/exec' },
  },
  {
    rule: 'bundle.collector-timeout',
    service: 'rabbitmq',
    kind: 'collector-errors',
    format: 'exec errors JSON',
    line: '["failed to run exec command: context deadline exceeded"]',
  },
];

export const edgeNegatives: Negative[] = [
  { service: 'kube-proxy', why: 'normal sync', line: 'I0314 18:00:01.123456       1 proxier.go:853] "Syncing iptables rules"' },
  { service: 'kube-proxy', why: 'sync completed', line: 'I0314 18:00:01.223456       1 proxier.go:820] "SyncProxyRules complete" elapsed="102.3ms"' },
  { service: 'coredns', why: 'normal query log', line: '[INFO] 10.0.1.5:43210 - 1234 "A IN circleci.example.com. udp 29 false 512" NOERROR qr,rd,ra 45 0.000123s' },
  { service: 'frontend', why: 'Sync failed wording outside kube-proxy', line: 'level=error msg="Sync failed" retryingTime="30s"' },
  { service: 'my-app', why: 'TLS error in a user application', line: 'x509: certificate signed by unknown authority' },
  { service: 'api-client', kind: 'curl-transcript', why: 'request line', line: '> GET /api/v2/workflow/5f1c HTTP/1.1' },
  { service: 'api-client', kind: 'curl-transcript', why: 'success', line: '< HTTP/1.1 200 OK' },
  { service: 'api-client', kind: 'curl-transcript', why: 'redirect', line: '< HTTP/2 302 ' },
  {
    service: 'nginx',
    why: '404 in the access log is noise (only curl transcripts report 404)',
    line: '10.0.1.5 - - [14/Mar/2025:09:38:00 +0000] "GET /api/v2/workflow/unknown HTTP/1.1" 404 150 "-" "curl/8.5.0" 1024 0.003 [circleci-server-frontend-80] [] 10.0.1.2:80 0 0.003 404 abc124',
  },
  {
    service: 'nginx',
    why: 'successful request that sent 500 bytes',
    line: '10.0.1.5 - - [14/Mar/2025:09:38:00 +0000] "GET /api/v2/me HTTP/1.1" 200 500 "-" "curl/8.5.0" 1024 0.010 [circleci-server-frontend-80] [] 10.0.1.2:80 500 0.010 200 abc125',
  },
  { service: 'frontend', why: 'a retried dial at DEBUG', line: 'time="2025-03-14T09:33:38Z" level=debug msg="retrying" error="dial tcp 172.20.106.231:3000: i/o timeout"' },
  { service: 'frontend', why: 'rate limiter text in a pod log is not a bundle collector error', line: 'client rate limiter Wait returned an error: context deadline exceeded' },
  { service: 'unknown', kind: 'collector-errors', why: 'collector found no pods', line: '["no pods found matching selector app.kubernetes.io/name=rabbitmq"]' },
];
