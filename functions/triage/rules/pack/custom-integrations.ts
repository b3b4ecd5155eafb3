import type { Rule } from '../rule.js';
import { re, CIRCLECI_AND_HAND_COLLECTED, WARN_UP } from './shared.js';

/** Custom integrations (VCS, proxy, TLS). */
export const customIntegrationsRules: Rule[] = [
  {
    id: 'integration.tls-untrusted-ca',
    title: 'TLS certificate signed by an unknown authority',
    issueType: 'custom-integration',
    severity: 'high',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    patterns: [
      re`(?<url>https?://[^\s"\\]{1,120})\\?"?: x509: certificate signed by unknown authority`,
      re`x509: certificate signed by unknown authority`,
      re`PKIX path building failed`,
      re`unable to find valid certification path to requested target`,
      re`SSL certificate problem: (?:unable to get local issuer certificate|self[- ]signed certificate)`,
    ],
    explanation: 'A CircleCI component does not trust the certificate of an endpoint it calls (often GitHub Enterprise, a proxy or object storage with a private CA).',
    remediation: [
      'Add the private root CA to the CircleCI Server trusted certificates (Helm values) and roll out the affected services.',
      'Reproduce with curl -vvv https://<endpoint> from inside the cluster and attach the transcript.',
    ],
  },
  {
    id: 'integration.tls-cert-expired',
    title: 'TLS certificate expired',
    issueType: 'custom-integration',
    severity: 'high',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    patterns: [
      re`(?<url>https?://[^\s"\\]{1,120})\\?"?: x509: certificate has expired`,
      re`x509: certificate has expired`,
      re`SSL certificate problem: certificate has expired`,
      re`CertificateExpiredException`,
    ],
    explanation: 'The endpoint presents an expired certificate (or the clock is wrong), so TLS connections to it fail.',
    remediation: ['Check the certificate expiry of the VCS/proxy endpoint (openssl s_client -connect <host>:443 -servername <host>) and renew it.'],
  },
  {
    id: 'integration.tls-hostname-mismatch',
    title: 'TLS certificate does not match the host name',
    issueType: 'custom-integration',
    severity: 'medium',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    patterns: [
      re`x509: certificate is valid for [^\n]{1,300}?, not (?<host>[\w.-]{1,255})`,
      re`no alternative certificate subject name matches target host name '(?<host>[\w.-]{1,255})'`,
    ],
    explanation: 'The certificate served by the endpoint does not cover the host name CircleCI uses for it.',
    remediation: ['Use the host name in the certificate, or reissue the certificate with the correct SAN.'],
  },
  {
    id: 'integration.proxy-auth-required',
    title: 'Proxy requires authentication (407)',
    issueType: 'custom-integration',
    severity: 'high',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    patterns: [re`(?<statusCode>407) Proxy Authentication Required`],
    explanation: 'The HTTP proxy on the path rejected the request for missing or wrong credentials.',
    remediation: [
      'Check the proxy settings and credentials in the Helm values and on the Nomad clients; make sure in-cluster and VCS hosts are in no_proxy where intended.',
      'Capture the full request/response with curl -vvv through the proxy, headers included.',
    ],
  },
  {
    id: 'integration.vcs-auth-or-rate-limit',
    title: 'VCS API rejected CircleCI (bad credentials or rate limit)',
    issueType: 'custom-integration',
    severity: 'medium',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    patterns: [re`API rate limit exceeded`, re`\\?"message\\?": ?\\?"Bad credentials`, re`401 Bad credentials`],
    explanation: 'The VCS (GitHub / GitHub Enterprise) API refused calls; checkouts, webhooks and status updates fail. A failed Redis cache can cause rate limiting through extra VCS calls.',
    remediation: ['Check the OAuth app / token configured for the VCS integration and Redis health; check the rate limit of the VCS account.'],
  },
  {
    id: 'integration.webhook-failure',
    title: 'VCS webhook delivery or verification failing',
    issueType: 'custom-integration',
    severity: 'medium',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    patterns: [
      re`[Ww]ebhook[^\n]{0,200}?(?:signature (?:mismatch|verification failed|invalid)|invalid signature)`,
      re`(?:GitHub|Github|github|GHE|ghe)[^\n]{0,120}?[Ww]ebhook[^\n]{0,200}?(?:failed|error|refused|timed out)`,
    ],
    levels: WARN_UP,
    explanation: 'Webhooks from the VCS are failing or being rejected, so new pushes do not start pipelines.',
    remediation: [
      'Check the webhook delivery log in the VCS provider UI (status codes, response bodies).',
      'Verify TLS and network connectivity between the VCS and CircleCI, and that a proxy preserves signatures and headers.',
    ],
  },
];
