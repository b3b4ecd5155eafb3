import type { Rule } from '../rule.js';
import { re, WARN_UP } from './shared.js';

/** API connection. */
export const apiConnectionRules: Rule[] = [
  {
    id: 'api.presigned-url-expired',
    title: 'S3 presigned URL expired (403 Request has expired)',
    issueType: 'api-connection',
    severity: 'medium',
    appliesTo: { services: ['api-client', 'frontend', 'nginx', 'kong', 'output-processor', 'unknown'] },
    patterns: [re`Request has expired(?:</Message>[^\n]{0,40}?<X-Amz-Expires>(?<seconds>\d+)</X-Amz-Expires>)?`],
    explanation: 'An artifact or test-result URL was used after its presigned TTL (default 900 seconds / 15 minutes), so S3 answered 403.',
    remediation: ['Refresh the page or re-fetch the resource to get a new presigned URL; check clock skew if it happens right away.'],
  },
  {
    id: 'api.curl-http-5xx',
    title: 'API request answered with a 5xx status',
    issueType: 'api-connection',
    severity: 'high',
    appliesTo: { fileKinds: ['curl-transcript'] },
    patterns: [re`^< HTTP/[0-9.]{1,3} (?<statusCode>5\d\d)\b`],
    explanation: 'The server answered the request with a 5xx status: a backend service error.',
    remediation: ['Check the nginx/ingress logs (kubectl logs -l app=nginx -n <namespace> --tail=500) and the backend service behind the path at the same time.'],
  },
  {
    id: 'api.curl-http-403',
    title: 'API request forbidden (403)',
    issueType: 'api-connection',
    severity: 'medium',
    appliesTo: { fileKinds: ['curl-transcript'] },
    patterns: [re`^< HTTP/[0-9.]{1,3} (?<statusCode>403)\b`],
    explanation: 'The request was refused: token validity or permissions, or an expired presigned URL.',
    remediation: ['Check the token (Circle-Token) and its permissions; for artifacts, re-fetch a fresh presigned URL.'],
  },
  {
    id: 'api.curl-http-404',
    title: 'API request answered 404',
    issueType: 'api-connection',
    severity: 'low',
    appliesTo: { fileKinds: ['curl-transcript'] },
    patterns: [re`^< HTTP/[0-9.]{1,3} (?<statusCode>404)\b`],
    explanation: 'The resource was not found; it may not be ready yet (e.g. an approval or job requested right after it was created).',
    remediation: ['Check the ids in the URL and retry after the resource exists; capture timestamps of the job completion and the API call.'],
  },
  {
    id: 'api.ingress-5xx',
    title: 'Ingress answered requests with 5xx',
    issueType: 'api-connection',
    severity: 'high',
    // Traefik's access log uses the same common-log fields (traefik/traefik#7652).
    appliesTo: { services: ['nginx', 'kong', 'frontend', 'ingress-nginx*', 'traefik*'] },
    patterns: [re`"(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (?<url>[^ "\n]{1,2048}) HTTP/[0-9.]{1,3}" (?<statusCode>5\d\d) `],
    explanation: 'Requests through the ingress ended in 5xx: the backend service behind the path failed or did not answer.',
    remediation: ['Find the backend for the path and check its logs and readiness at the same time.'],
  },
  {
    id: 'api.ingress-upstream-error',
    title: 'Ingress cannot reach its upstream service',
    issueType: 'api-connection',
    severity: 'high',
    appliesTo: { services: ['nginx', 'kong', 'frontend', 'ingress-nginx*'] },
    patterns: [
      re`upstream timed out(?:[^\n]{0,300}?request: "[A-Z]+ (?<url>[^ "\n]{1,2048}) HTTP)?`,
      // nginx prints the errno of the failed connect: refused, host unreachable, timed out (Kong/kong#7716).
      re`connect\(\) failed \((?:111: Connection refused|113: (?:Host is unreachable|No route to host)|110: (?:Connection|Operation) timed out)\) while connecting to upstream(?:[^\n]{0,300}?request: "[A-Z]+ (?<url>[^ "\n]{1,2048}) HTTP)?`,
      re`no live upstreams`,
      re`upstream prematurely closed connection while reading (?:response header from )?upstream(?:[^\n]{0,300}?request: "[A-Z]+ (?<url>[^ "\n]{1,2048}) HTTP)?`,
      re`recv\(\) failed \(104: Connection reset by peer\) while reading response header from upstream`,
      // Kong's own timers (health checks, cluster and database connections) losing their peer.
      re`recv\(\) failed \((?:104: Connection reset by peer|110: Connection timed out|113: (?:Host is unreachable|No route to host))\), context: ngx\.timer`,
      // The backend answered, but with response headers larger than proxy_buffer_size: nginx returns 502.
      re`upstream sent too big header while reading response header from upstream(?:[^\n]{0,300}?request: "[A-Z]+ (?<url>[^ "\n]{1,2048}) HTTP)?`,
    ],
    explanation: 'nginx could not connect to, or did not get a timely or usable answer from, the backend service (too big a response header is answered with 502 too).',
    references: ['https://github.com/Kong/kong/issues/11864', 'https://github.com/kubernetes/ingress-nginx/issues/12285', 'https://github.com/kubernetes/ingress-nginx/issues/9877', 'https://github.com/getsentry/self-hosted/issues/477', 'https://github.com/nginx/kubernetes-ingress/issues/2123', 'https://github.com/Kong/kong/issues/7716'],
    remediation: [
      'Check the backend pods behind the upstream (readiness, restarts) and cluster networking (kube-proxy) at that time.',
      'For "upstream sent too big header", raise proxy-buffer-size in the ingress controller configuration (nginx.ingress.kubernetes.io/proxy-buffer-size).',
    ],
  },
  {
    id: 'nginx.config-invalid',
    title: 'nginx refuses its configuration ([emerg], configuration test failed)',
    issueType: 'api-connection',
    severity: 'high',
    appliesTo: { services: ['nginx', 'kong', 'frontend', 'ingress-nginx*'] },
    patterns: [
      re`\[emerg\] (?:\d{1,7}#\d{1,7}: )?(?<message>[^\n]{1,300})`,
      re`nginx: configuration file (?<file>[^\s]{1,300}) test failed`,
    ],
    explanation:
      'nginx (or the ingress controller reloading it) rejected its configuration: an invalid directive or annotation value, a missing certificate file, or a port already in use. The controller keeps the previous configuration or does not start, so new or changed routes are not served.',
    remediation: [
      'Read the [emerg] line: it names the directive and the generated file; find the ingress annotation or ConfigMap key that produced it (kubectl get ingress -A -o yaml, the controller ConfigMap).',
      'Fix or remove that value, then check the controller log for a successful reload ("Backend successfully reloaded").',
    ],
    references: ['https://github.com/Azure/AKS/issues/65'],
  },
  {
    id: 'kong.dns-resolution-failed',
    title: 'Kong cannot resolve its upstream service',
    issueType: 'cluster-networking',
    severity: 'high',
    patterns: [
      re`DNS resolution failed: dns (?:server|client) error: (?<dnsError>\d{1,3} [\w ]{1,60})`,
      re`"message"\s?:\s?"name resolution failed"`,
    ],
    explanation:
      'Kong could not resolve the host name of the backend service (name error: no such record; server failure: the resolver failed) and answered 503. When it hits every route, cluster DNS (CoreDNS) is failing; for one route, the Service name in its configuration is wrong or the Service is gone.',
    remediation: [
      'kubectl -n <namespace> exec deploy/kong -- nslookup <host in the line>; check CoreDNS logs (kubectl -n kube-system logs -l k8s-app=kube-dns).',
      'Check that the Service named in the Kong route exists in the namespace Kong resolves it from.',
    ],
    references: ['https://github.com/Kong/kong/issues/6624', 'https://github.com/Kong/kong/issues/5455', 'https://github.com/Kong/kong/issues/4746'],
  },
  {
    id: 'kong.no-healthy-target',
    title: 'Kong has no healthy target for an upstream',
    issueType: 'api-connection',
    severity: 'high',
    // Kong's balancer wordings, also quoted by clients that got its 503 body.
    appliesTo: { services: ['kong', 'frontend', 'nginx', 'unknown'] },
    patterns: [
      re`failure to get a peer from the ring-balancer`,
      re`\[healthchecks\] balancer [\w.:-]{1,253} reported health status changed to UNHEALTHY`,
    ],
    references: ['https://github.com/Kong/kong/issues/3518', 'https://github.com/Kong/kong/issues/7771', 'https://github.com/Kong/kong/issues/5373', 'https://github.com/ansible/awx-operator/issues/1569'],
    explanation: 'Kong found no reachable target in the upstream of a route (targets unhealthy, DNS of the Service unresolved) and answered 503; the CircleCI UI or API behind that route is down for users.',
    remediation: ['Check the Service and endpoints of the upstream named in the Kong log (kubectl get endpoints -n <namespace>) and the health of the pods behind it.'],
  },
  {
    id: 'traefik.bad-gateway',
    title: 'Traefik answered 502/503/504 for a backend',
    issueType: 'api-connection',
    severity: 'high',
    patterns: [re`'(?<statusCode>50[234]) (?:Bad Gateway|Service Unavailable|Gateway Timeout)' caused by: (?<cause>[^"\n]{1,300})`],
    explanation: 'Traefik could not get a response from the backend of a route and returned a 5xx; the cause after "caused by" says whether the backend refused, timed out or closed the connection.',
    remediation: ['Find the backend of the route and check its pods (readiness, restarts) and the Service endpoints at that time.'],
    references: ['https://github.com/traefik/traefik/issues/3237'],
  },
  {
    id: 'traefik.route-backend-invalid',
    title: 'Traefik cannot build a route: backend Service missing or route invalid',
    issueType: 'api-connection',
    severity: 'high',
    // Provider errors of Traefik v1 and v2 (traefik/traefik#4333, #5849, #6275, #7584, #12877).
    patterns: [
      re`\bkubernetes service not found: [\w.-]{1,253}/[\w.-]{1,253}`,
      re`\bService not found for [\w.-]{1,253}/[\w.-]{1,253}`,
      re`Error creating global backend for ingress [^\n]{1,300}?service not found`,
      re`getting service: service \\?"[^"\\\n]{1,253}\\?" not found`,
      re`Unsupported match kind: [^\n]{0,40}?Only \\?"Rule\\?" is supported`,
      re`Error while building TraefikService: `,
      // Traefik v2.10+/v3 console format: `ERR ... > Cannot create service error="service not found"` (traefik/traefik#9929, rancher/rke2#10677).
      re`Cannot create service error=\\?"(?:service not found|getting backend addresses: getting service: )`,
      // Traefik v1 dropping a frontend whose backend it could not build (traefik/traefik#5700).
      re`[Uu]ndefined backend '[^'\n]{1,253}' for frontend `,
    ],
    levels: WARN_UP,
    explanation: 'Traefik dropped a route because the Service it points to does not exist (or the route is malformed); requests for that host or path get 404 or 503 instead of reaching CircleCI.',
    remediation: ['kubectl get ingress,ingressroute -A and compare each backend Service name and port with kubectl get svc in that namespace.'],
    references: ['https://github.com/traefik/traefik/issues/4333', 'https://github.com/traefik/traefik/issues/6275', 'https://github.com/traefik/traefik/issues/12877'],
  },
  {
    id: 'cert-manager.issuance-failed',
    title: 'TLS certificate issuance failing (ACME / cert-manager)',
    issueType: 'api-connection',
    severity: 'high',
    patterns: [
      re`urn:ietf:params:acme:error:(?<acmeError>\w{1,40})`,
      re`The certificate request has failed to complete and will be retried`,
      re`Failed to (?:create|finalize) Order`,
      // cert-manager's own check that the challenge is served, before it asks the CA (cert-manager/cert-manager#721, #1501).
      re`(?:http|dns)-01 self check failed for domain`,
    ],
    explanation:
      'The ACME CA (Let\'s Encrypt) refused to issue or renew the certificate (rate limit, failed HTTP-01/DNS-01 validation). The current certificate of the CircleCI domain expires unless issuance recovers, and then browsers, the CLI and runners can no longer connect.',
    remediation: [
      'kubectl describe certificate,certificaterequest,order,challenge -n <namespace>; the ACME error says which limit or validation failed.',
      'For rate limits wait for the window (https://letsencrypt.org/docs/rate-limits/) and fix the validation first, using the staging issuer while testing.',
    ],
    references: ['https://github.com/cert-manager/cert-manager/issues/4676', 'https://github.com/tnozicka/openshift-acme/issues/148', 'https://github.com/cert-manager/cert-manager/issues/721', 'https://github.com/cert-manager/cert-manager/issues/1501'],
  },
];
