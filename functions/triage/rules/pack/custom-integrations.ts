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
      re`(?<url>https?://[^\s"\\:]{1,120}(?::\d{1,5})?[^\s"\\:]{0,120})\\?"?: x509: certificate signed by unknown authority`,
      re`x509: certificate signed by unknown authority`,
      re`PKIX path building failed`,
      re`unable to find valid certification path to requested target`,
      re`SSL certificate problem: (?:unable to get local issuer certificate|self[- ]signed certificate)`,
      // Node.js wordings (UNABLE_TO_VERIFY_LEAF_SIGNATURE, SELF_SIGNED_CERT_IN_CHAIN).
      re`reason: (?:unable to verify the first certificate|self[- ]signed certificate in certificate chain)`,
    ],
    explanation: 'A CircleCI component does not trust the certificate of an endpoint it calls (often GitHub Enterprise, a proxy or object storage with a private CA).',
    remediation: [
      'Add the private root CA to the CircleCI Server trusted certificates (Helm values) and roll out the affected services.',
      'Reproduce with curl -vvv https://<endpoint> from inside the cluster and attach the transcript.',
    ],
    references: ['https://github.com/cli/cli/issues/1751', 'https://github.com/harness/harness/issues/181', 'https://github.com/microsoft/vscode-pull-request-github/issues/3746'],
  },
  {
    id: 'integration.tls-cert-expired',
    title: 'TLS certificate expired',
    issueType: 'custom-integration',
    severity: 'high',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    patterns: [
      re`(?<url>https?://[^\s"\\:]{1,120}(?::\d{1,5})?[^\s"\\:]{0,120})\\?"?: x509: certificate has expired`,
      re`x509: certificate has expired`,
      re`SSL certificate problem: certificate has expired`,
      // Node.js (CERT_HAS_EXPIRED): "Error: certificate has expired", or the message of an error event (probot/smee.io#82).
      re`\bCERT_HAS_EXPIRED\b|(?:Error|message): '?certificate has expired\b`,
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
    patterns: [
      re`API rate limit exceeded`,
      re`You have exceeded a secondary rate limit`,
      re`RateLimitExceededException`,
      re`\\?"message\\?": ?\\?"Bad credentials`,
      re`u?'message': u?'Bad credentials'`,
      re`401 Bad [Cc]redentials`,
      // PyGithub carries the HTTP status; Spring Security's LDAP BadCredentialsException does not.
      re`BadCredentialsException: 401\b`,
      // Any client's trace of a GitHub API call refused with 401/403/429 and its reason phrase (appveyor/ci#1002).
      re`https://api\.github\.com/\S{1,300}(?: returned|:)? (?:401:? Unauthorized|403:? Forbidden|429:? Too Many Requests)\b`,
      // GitHub's 403 body when a GitHub App installation or a fine-grained token lacks a permission
      // (octokit's RequestError, prow's hook; vj-abigo/invite-on-label#35, kubernetes/test-infra#22251).
      re`Resource not accessible by (?:integration|personal access token)`,
    ],
    explanation: 'The VCS (GitHub / GitHub Enterprise) API refused calls; checkouts, webhooks and status updates fail. A failed Redis cache can cause rate limiting through extra VCS calls.',
    references: ['https://github.com/bobheadxi/deployments/issues/67', 'https://github.com/Justintime50/github-archive/issues/54', 'https://github.com/hisxo/gitGraber/issues/32', 'https://github.com/SickRage/sickrage-issues/issues/56', 'https://github.com/piotrmurach/github/issues/254', 'https://github.com/appveyor/ci/issues/1002'],
    remediation: ['Check the OAuth app / token configured for the VCS integration and Redis health; check the rate limit of the VCS account.'],
  },
  {
    id: 'integration.webhook-failure',
    title: 'VCS webhook delivery or verification failing',
    issueType: 'custom-integration',
    severity: 'medium',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    patterns: [
      re`[Ww]eb[Hh]ook[^\n]{0,200}?(?:signature (?:mismatch|verification failed|invalid|does not match|check failed)|invalid signature|[Nn]o signature|missing signature)`,
      // Receivers checking the HMAC header of a delivery: octokit, go-githubapp, ASP.NET, taskcluster
      // (matrix-org/matrix-hookshot#842, palantir/policy-bot#324, aspnet/WebHooks#65, taskcluster/taskcluster#5807).
      re`[Ii]nvalid webhook (?:headers|payload|signature|request)`,
      re`[Xx]-[Hh]ub-[Ss]ignature(?:-256)?\b[^\n]{0,60}?(?:does not match|mismatch|invalid|missing)`,
      re`(?:GitHub|Github|github|GHE|ghe)[^\n]{0,120}?[Ww]ebhook[^\n]{0,200}?(?:failed|error|refused|timed out)`,
      // GitHub's delivery status for a webhook, pasted from the repository settings.
      re`couldn.t deliver this payload(?:: (?<reason>[^\n]{1,120}))?`,
      // The receiver's verdict on the HMAC of a delivery (jenkins-x/lighthouse#485, mitodl/ol-infrastructure#908).
      re`\b[Ii]nvalid webhook signature\b|\bSignatures didn't match\b`,
    ],
    levels: WARN_UP,
    explanation: 'Webhooks from the VCS are failing or being rejected, so new pushes do not start pipelines.',
    references: ['https://github.com/cla-assistant/cla-assistant/issues/490', 'https://github.com/kanboard/kanboard/issues/1065', 'https://github.com/jenkins-x/lighthouse/issues/485', 'https://github.com/mitodl/ol-infrastructure/issues/908', 'https://github.com/matrix-org/matrix-hookshot/issues/183', 'https://github.com/palantir/policy-bot/issues/324', 'https://github.com/aspnet/WebHooks/issues/65'],
    remediation: [
      'Check the webhook delivery log in the VCS provider UI (status codes, response bodies).',
      'Verify TLS and network connectivity between the VCS and CircleCI, and that a proxy preserves signatures and headers.',
    ],
  },
  {
    id: 'integration.vcs-oauth-error',
    title: 'VCS OAuth sign-in rejected',
    issueType: 'custom-integration',
    severity: 'high',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    patterns: [
      re`error=(?<oauthError>redirect_uri_mismatch|bad_verification_code|incorrect_client_credentials|unverified_user_email)\b`,
      re`'error': '(?<oauthError>redirect_uri_mismatch|bad_verification_code|incorrect_client_credentials)'`,
      re`"error": ?"(?<oauthError>redirect_uri_mismatch|bad_verification_code|incorrect_client_credentials)"`,
    ],
    explanation:
      'GitHub refused the OAuth exchange: the callback URL does not match the OAuth app (redirect_uri_mismatch), the client id/secret is wrong (incorrect_client_credentials) or the code was reused or expired (bad_verification_code). Users cannot log in to CircleCI.',
    remediation: [
      'Compare the OAuth app in GitHub (Authorization callback URL, client id) with the CircleCI Server Helm values; the callback must be https://<your-server-domain>/auth/github.',
      'Rotate the client secret in both places if incorrect_client_credentials; check the clock of the nodes for expired codes.',
    ],
    references: ['https://github.com/lelylan/simple-oauth2/issues/71', 'https://github.com/joemccann/dillinger/issues/705', 'https://github.com/OpenTreeOfLife/opentree/issues/296'],
  },
  {
    id: 'integration.github-app-jwt-rejected',
    title: 'GitHub rejected the GitHub App JWT (clock skew or lifetime)',
    issueType: 'custom-integration',
    severity: 'high',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    // GitHub's 401 bodies for an App JWT whose iat/exp do not fit its clock (probot/stale#146);
    // the same wordings are quoted by GitHub App clients for a node clock that runs fast or slow.
    patterns: [re`'(?:Expiration time' claim \('exp'\)|Issued at' claim \('iat'\)) (?:must be|must not be|is too far|is in the)`],
    references: ['https://github.com/probot/stale/issues/146'],
    explanation: 'GitHub refused the JSON web token the GitHub App signs before every installation-token request, so CircleCI cannot call GitHub as the App (checks, statuses, webhooks set-up). The claims are computed from the node clock: a clock ahead or behind GitHub by more than a minute, or a JWT lifetime over 10 minutes, is refused even with the right key.',
    remediation: [
      'Compare the node clock with an NTP source (chronyc tracking or timedatectl) on the nodes running the CircleCI services and fix time synchronisation.',
      'For GitHub Enterprise Server, check the appliance clock too; retry after the clocks agree.',
    ],
  },
  {
    id: 'integration.vcs-ssh-host-key',
    title: 'SSH to the VCS refused: host key unknown or changed',
    issueType: 'custom-integration',
    severity: 'high',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    // OpenSSH and Go's x/crypto/ssh wordings when the VCS host key is missing from or differs from known_hosts.
    patterns: [
      re`Host key verification failed`,
      re`knownhosts: key (?:mismatch|is unknown)`,
      re`REMOTE HOST IDENTIFICATION HAS CHANGED`,
    ],
    references: ['https://github.com/stormcat24/protodep/issues/99', 'https://github.com/desktop/desktop/issues/4479', 'https://github.com/concourse/semver-resource/pull/3'],
    explanation: 'A git checkout over SSH stopped because the VCS host key is not trusted (missing known_hosts entry, or the key changed, as GitHub\'s did in 2023); every checkout over SSH from that host fails.',
    remediation: ['Compare the known_hosts entry for the VCS host with its published fingerprints (ssh-keyscan <vcs-host>) and update it where the checkout runs.'],
  },
  {
    id: 'integration.vcs-dns-failure',
    title: 'VCS host name does not resolve',
    issueType: 'custom-integration',
    severity: 'high',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    patterns: [
      re`lookup (?<host>[\w.-]{0,60}(?:github|gitlab|bitbucket|ghe\.)[\w.-]{0,100})(?: on [\w.:[\]-]{1,60})?: (?:no such host|server misbehaving|i/o timeout|Temporary failure in name resolution)`,
      re`UnknownHostException: (?:Unable to resolve host "?)?(?<host>[\w.-]{0,60}(?:github|gitlab|bitbucket|ghe\.)[\w.-]{0,100})`,
      re`Could not resolve host: (?<host>[\w.-]{0,60}(?:github|gitlab|bitbucket|ghe\.)[\w.-]{0,100})`,
    ],
    explanation:
      'A CircleCI component could not resolve the VCS host (github.com, api.github.com or the GitHub Enterprise name): cluster DNS, the VPC resolver or split-horizon DNS for GitHub Enterprise is failing, so checkouts, webhooks and status updates fail.',
    remediation: [
      'From a pod in the CircleCI namespace: kubectl run -it --rm dnscheck --image=busybox --restart=Never -- nslookup <vcs host>; compare with a node (dig <vcs host>).',
      'Check CoreDNS logs and its forward configuration; for GitHub Enterprise check the private hosted zone or the resolver rules the VPC uses.',
    ],
    references: ['https://github.com/kubernetes/kubernetes/issues/105152', 'https://github.com/code4craft/webmagic/issues/831', 'https://github.com/hub4j/github-api/issues/92', 'https://github.com/jcabi/jcabi-github/issues/162'],
  },
  {
    id: 'integration.vcs-unreachable',
    title: 'VCS host unreachable',
    issueType: 'custom-integration',
    severity: 'high',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    patterns: [
      re`Failed to connect to (?<host>[\w.-]{0,60}(?:github|gitlab|bitbucket)[\w.-]{0,100}) port \d{1,5}`,
      // Go's url.Error: `Get "https://api.github.com/user": dial tcp ...` (unquoted before Go 1.14).
      re`(?:Get|Post|Put|Patch|Delete|Head) "?https?://(?<host>[\w.-]{0,60}(?:github|gitlab|bitbucket)[\w.-]{0,100})[^\s"]{0,200}"?: dial tcp [\w.:[\]-]{1,60}: (?:i/o timeout|(?:connect: |getsockopt: )?(?:connection refused|no route to host|network is unreachable))`,
    ],
    explanation: 'Connections to the VCS host were refused or timed out: a firewall, security group, proxy setting (no_proxy) or an outage between CircleCI and the VCS.',
    remediation: [
      'curl -vvv https://<vcs host> from a pod in the CircleCI namespace and from a Nomad client; attach both transcripts.',
      'Check egress rules, the proxy settings in the Helm values and GitHub status.',
    ],
    references: ['https://github.com/desktop/desktop/issues/2746'],
  },
  {
    id: 'integration.proxy-connect-failed',
    title: 'HTTP proxy refused or dropped the CONNECT tunnel',
    issueType: 'custom-integration',
    severity: 'high',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    patterns: [
      re`Proxy CONNECT aborted`,
      re`Received HTTP code (?<statusCode>\d{3}) from proxy after CONNECT`,
      re`CONNECT tunnel failed, response (?<statusCode>\d{3})`,
      re`proxyconnect tcp: [^\n]{1,200}`,
    ],
    explanation: 'The outbound HTTP proxy did not open the tunnel to the target (VCS, registry, AWS API). Everything that goes through the proxy fails the same way.',
    remediation: [
      'curl -vvv -x <proxy> https://<target> from a pod and from a Nomad client; check the proxy allow-list and credentials.',
      'Check that in-cluster and internal hosts are in no_proxy so they do not go through the proxy.',
    ],
    references: ['https://github.com/desktop/desktop/issues/9726', 'https://github.com/elazarl/goproxy/issues/235'],
  },
];
