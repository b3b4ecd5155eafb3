/**
 * How the installation is built, as far as the inputs show it. Each dimension is `unknown` unless
 * something in the inputs says so, and carries the basis of the conclusion, because a wrong
 * "not deployed" would hide a real failure.
 */
export interface Topology {
  /** Contexts encryption: Vault (deprecated) or Tink; with Tink no Vault pod exists. */
  secrets: Dimension<'vault' | 'tink'>;
  /** Nomad servers in the cluster, or on VMs of their own (optional since 4.8). */
  nomadServers: Dimension<'internal' | 'external'>;
  /** Container runtime of the Nomad clients: Docker, or Podman (no Docker daemon). */
  clientRuntime: Dimension<'docker' | 'podman'>;
  /** FIPS switches (`fips_mode`, ssh-rsa checkout keys) where the configuration is visible. */
  fips: Dimension<'on' | 'off'>;
}

export interface Dimension<T extends string> {
  value: T | 'unknown';
  basis: string;
}

export type TopologyKey = keyof Topology;

const FIPS_ON = /\bfips[_-]?mode\b["']?\s*[:=]\s*["']?true\b/i;
const FIPS_OFF = /\bfips[_-]?mode\b["']?\s*[:=]\s*["']?false\b/i;
const TINK = /\btink(?:[._-]?enabled)?\b["']?\s*[:=]\s*["']?true\b|\bTINK_KEYSET\b/i;
const VAULT_CONFIGURED = /\btink(?:[._-]?enabled)?\b["']?\s*[:=]\s*["']?false\b/i;
const EXTERNAL_NOMAD = /\bnomad\b[^\n]{0,80}\binternal\b["']?\s*[:=]\s*["']?false\b/i;
const PODMAN_CONFIG = /\buse[_-]?podman\b["']?\s*[:=]\s*["']?true\b/i;
const PODMAN_LINE = /\bnomad-driver-podman\b|\bdriver=podman\b|\bdriver_mgr\.podman\b|\bpodman\.(?:socket|service)\b/;
const DOCKER_LINE = /\bdriver_mgr\.docker\b|\bdriver=docker\b|\bdockerd\[\d+\]/;

export interface TopologySnapshot {
  seen: Array<[string, string]>;
  podLists: Array<[string, string[]]>;
}

/** Collects topology signals while the inputs are read; `topology()` concludes. */
export class TopologySignals {
  private readonly seen = new Map<string, string>();
  /** Namespaces whose pod list was read, with the services running there. */
  private readonly podLists = new Map<string, Set<string>>();

  private note(signal: string, basis: string): void {
    if (!this.seen.has(signal)) this.seen.set(signal, basis);
  }

  /** A service seen in a pod list or as the writer of a log. */
  service(service: string, where: string): void {
    if (service === 'vault') this.note('vault-pod', `Vault workload seen (${where})`);
    if (service === 'nomad-server') this.note('nomad-server-pod', `Nomad server workload seen (${where})`);
  }

  podList(namespace: string, services: Iterable<string>): void {
    const set = this.podLists.get(namespace) ?? new Set<string>();
    for (const s of services) set.add(s);
    this.podLists.set(namespace, set);
  }

  /** Configuration text (ConfigMap data, container env): the installation's switches. */
  config(text: string, where: string): void {
    if (TINK.test(text)) this.note('tink-config', `Tink enabled in ${where}`);
    if (VAULT_CONFIGURED.test(text)) this.note('vault-config', `Tink disabled in ${where}`);
    if (EXTERNAL_NOMAD.test(text)) this.note('external-nomad-config', `Nomad servers not internal in ${where}`);
    if (PODMAN_CONFIG.test(text)) this.note('podman', `Podman enabled in ${where}`);
    if (FIPS_ON.test(text)) this.note('fips-on', `fips_mode true in ${where}`);
    else if (FIPS_OFF.test(text)) this.note('fips-off', `fips_mode false in ${where}`);
  }

  /** A log line that names the runtime (only evidence lines are offered, never every line). */
  line(text: string, where: string): void {
    if (PODMAN_LINE.test(text)) this.note('podman', `Podman task driver in ${where}`);
    else if (DOCKER_LINE.test(text)) this.note('docker', `Docker task driver in ${where}`);
  }

  dockerNetworkList(where: string): void {
    this.note('docker', `docker network ls output (${where})`);
  }

  /** Another input's signals: the first basis of each signal is kept, pod lists are joined. */
  absorb(other: TopologySignals): void {
    this.restore(other.snapshot());
  }

  snapshot(): TopologySnapshot {
    return { seen: [...this.seen], podLists: [...this.podLists].map(([ns, services]) => [ns, [...services]]) };
  }

  /** Adds stored signals (into a fresh collector, this is a plain restore). */
  restore(snapshot: TopologySnapshot): void {
    for (const [signal, basis] of snapshot.seen) this.note(signal, basis);
    for (const [namespace, services] of snapshot.podLists) this.podList(namespace, services);
  }

  topology(): Topology {
    const circleciPods = [...this.podLists.entries()].filter(([, services]) => services.has('frontend') || services.has('contexts-service') || services.has('api-service'));
    const listed = circleciPods.map(([ns]) => ns).join(', ');
    const has = (s: string) => this.seen.get(s);
    const secrets: Topology['secrets'] = has('vault-pod')
      ? { value: 'vault', basis: has('vault-pod')! }
      : has('tink-config')
        ? { value: 'tink', basis: has('tink-config')! }
        : has('vault-config')
          ? { value: 'vault', basis: has('vault-config')! }
          : circleciPods.length > 0
            ? { value: 'tink', basis: `no Vault pod in the pod list of ${listed} (Vault is not deployed when Tink is enabled)` }
            : { value: 'unknown', basis: 'no pod list of the CircleCI namespace and no Tink/Vault setting in the inputs' };
    const nomadServers: Topology['nomadServers'] = has('nomad-server-pod')
      ? { value: 'internal', basis: has('nomad-server-pod')! }
      : has('external-nomad-config')
        ? { value: 'external', basis: has('external-nomad-config')! }
        : circleciPods.length > 0
          ? { value: 'external', basis: `no nomad-server pod in the pod list of ${listed} (Nomad servers run outside the cluster)` }
          : { value: 'unknown', basis: 'no pod list of the CircleCI namespace in the inputs' };
    const clientRuntime: Topology['clientRuntime'] = has('podman')
      ? { value: 'podman', basis: has('podman')! }
      : has('docker')
        ? { value: 'docker', basis: has('docker')! }
        : { value: 'unknown', basis: 'no Nomad client runtime named in the inputs' };
    const fips: Topology['fips'] = has('fips-on') ? { value: 'on', basis: has('fips-on')! } : has('fips-off') ? { value: 'off', basis: has('fips-off')! } : { value: 'unknown', basis: 'no fips_mode setting visible in the inputs' };
    return { secrets, nomadServers, clientRuntime, fips };
  }
}

export const UNKNOWN_TOPOLOGY: Topology = new TopologySignals().topology();
