import { describe, expect, it } from 'vitest';
import { classifyPath, sniff } from '../../functions/triage/bundle/classify.js';

/** The service an extra file gets from its first bytes, as read-input applies it. */
function serviceOf(name: string, head: string): string {
  const file = classifyPath(name, 'cli', true);
  return sniff(head, file).service ?? file.service;
}

const AUTOSCALER = [
  '2021-07-23T10:49:21.435Z [INFO]  agent: Starting Nomad Autoscaler agent',
  '2022-06-07T20:32:31.153Z [ERROR] policy_manager.policy_handler: timeout: failed to read policy in time: policy_id=d7c916c9-4a0b-34db-d6ac-943abc74e1e7',
].join('\n');
const NOMAD_CLIENT_HCLOG = [
  '2024-03-16T00:41:12.013Z [ERROR] client.alloc_runner.task_runner: running driver failed: alloc_id=211617fc-9bab-b136-8aaf-f9acf6a9cff8 task=redis-task error="x"',
  '2024-03-16T00:41:12.013Z [INFO]  client.alloc_runner.task_runner: not restarting task: alloc_id=211617fc-9bab-b136-8aaf-f9acf6a9cff8 task=redis-task',
].join('\n');
const NOMAD_SERVER_JOURNAL = [
  'May 24 14:01:43 admin-10-32-153-121 nomad[813]: 2018/05/24 14:01:43 [WARN] raft: Failed to contact quorum of nodes, stepping down',
  'May 24 14:01:43 admin-10-32-153-121 nomad[813]: 2018/05/24 14:01:43.956137 [INFO] nomad: cluster leadership lost',
].join('\n');
const RUNNER_JOURNAL = 'Oct 17 06:00:08 ip-172-31-34-224 circleci-runner[2226]: 06:00:08 a8093 22.942ms POST /api/v3/runner/claim app.loop_name=claim>';
const CONTAINER_AGENT = '19:30:12 eb1a4 11412.984ms service-work error=1 error occurred:\n        * could not start task containers: pod failed to start: :';

// Real lines (test/corpus/frontend.jsonl): frontend-0001 from https://github.com/Kong/kong/issues/11864,
// frontend-0010 from https://github.com/kubernetes/ingress-nginx/issues/9877.
const NGINX_ERROR =
  '2023/10/27 11:37:33 [error] 1109#0: *14969476 connect() failed (111: Connection refused) while connecting to upstream, client: 10.255.1.242, server: kong, request: "POST /agent-server/config-production/api/v1/k8s/hpa HTTP/2.0"';
const NGINX_ACCESS = '3.18.201.127 - - [17/Apr/2023:20:24:55 +0000] "POST /api/authentication/token HTTP/1.1" 502 150 "-" "axios/0.23.0" 340 0.016 [XXX] [] XXX 0 0.000 502 baef50777d0f3651f32233c609ad0e7e';

// Real line (test/corpus/frontend.jsonl, frontend-r3-0002) from https://github.com/traefik/traefik/issues/6275.
const TRAEFIK = '[traefik-756ddf7997-mg6rp] time="2020-02-04T13:34:30Z" level=error msg="kubernetes service not found: do/foo" providerName=kubernetescrd ingress=foo-www-https namespace=do';

describe('content attribution of loose files', () => {
  it.each([
    ['agent.log', AUTOSCALER, 'nomad-autoscaler'],
    ['agent.log', NOMAD_CLIENT_HCLOG, 'nomad-client'],
    ['journal.txt', NOMAD_SERVER_JOURNAL, 'nomad-server'],
    ['journal.txt', RUNNER_JOURNAL, 'machine-runner'],
    ['logs.txt', CONTAINER_AGENT, 'container-agent'],
    // `client: <ip>` in an nginx error line is not Nomad's `client:` module.
    ['attached.log', NGINX_ERROR, 'nginx'],
    ['attached.log', NGINX_ACCESS, 'nginx'],
    ['attached.log', TRAEFIK, 'traefik'],
  ])('%s with %s-shaped lines is attributed', (name, head, service) => {
    expect(serviceOf(name, head)).toBe(service);
  });

  // Real lines from test/corpus/ (kubernetes-0029, cut after the message's start; postgresql-r3-0001;
  // postgresql-r3-0005 from https://github.com/patroni/patroni/issues/2715), and below postgresql-0032,
  // postgresql-0027 and postgresql-0018 (sources there).
  it.each([
    ['journal.txt', 'Oct 29 13:16:48 centos02 kubelet[4919]: E1029 13:16:48.471488    4919 pod_workers.go:182] Error syncing pod', 'kubelet'],
    ['journal.txt', 'Sep 30 21:54:59 aba postmaster[305963]: 2020-10-01 02:54:59.825 UTC [305963] FATAL:  could not access file "pglogical": No such file or directory', 'postgresql'],
    ['journal.txt', 'Jun 18 15:20:05 patroni-cdg patroni[860]: 2023-06-18 15:20:05,348 WARNING: Postgresql is not running.', 'postgresql'],
  ])('%s written by a daemon under its own journal name (%s) is that daemon\'s', (name, head, service) => {
    expect(serviceOf(name, head)).toBe(service);
  });

  it.each([
    // log_line_prefix without a process id, and none at all: the two-space severity still tells.
    ['2017-08-19 11:58:42 UTC ERROR:  deadlock detected'],
    ['ERROR:  could not extend file "base/16511/16540": wrote only 4096 of 8192 bytes at block 13986'],
    // csvlog: severity and SQLSTATE in their own fields.
    ['2023-03-09 07:34:49.770 UTC,"postgres","postgres",10692,"[local]",64098c19.29c4,2,"",2023-03-09 07:34:49 UTC,,0,FATAL,57P03,"the database system is starting up",,,,,,,,,""'],
  ])('a pasted PostgreSQL line is PostgreSQL\'s: %s', (head) => {
    expect(serviceOf('attached.log', head)).toBe('postgresql');
  });

  it("reads RabbitMQ's node-named log and Mnesia's reports as RabbitMQ's", () => {
    expect(serviceOf('rabbit@rabbitmq-0.log', 'anything')).toBe('rabbitmq');
    // Real line (test/corpus/rabbitmq.jsonl, rabbitmq-r5-0002), its first line.
    expect(serviceOf('startup.log', "Mnesia('rmq-ct-cluster_size_3_2-2-21072@localhost'): ** ERROR ** (ignoring core) ** FATAL ** mnesia_monitor crashed:")).toBe('rabbitmq');
  });

  it('keeps the service a file name gives', () => {
    expect(serviceOf('nomad-server.log', NOMAD_CLIENT_HCLOG)).toBe('nomad-server');
    expect(serviceOf('machine-provisioner-logs.txt', AUTOSCALER)).toBe('machine-provisioner');
  });

  it('reads a Nomad journal as the client unless server modules dominate', () => {
    const clientJournal = 'Dec 13 16:59:08 ip-10-30-1-43 nomad[29064]:     2017/12/13 16:59:07.625309 [INFO] client: using state directory /var/nomad/client';
    expect(serviceOf('journal.txt', clientJournal)).toBe('nomad-client');
  });

  it('leaves unrelated text and look-alikes unattributed', () => {
    expect(serviceOf('notes.txt', 'deploy finished\nall checks passed')).toBe('unknown');
    // One space after the severity is anybody's (`ERROR: …` from pip, Helm, shell scripts).
    expect(serviceOf('notes.txt', 'ERROR: Could not find a version that satisfies the requirement')).toBe('unknown');
    // Consul writes raft lines too; without Nomad modules it is not a Nomad server.
    expect(serviceOf('agent.log', '2015/02/02 16:36:43 [INFO] consul: cluster leadership acquired\n2015/02/02 16:36:43 [INFO] consul: New leader elected: consul-03')).toBe('unknown');
    const consulRaft = ['2015/02/02 16:36:42 [WARN] raft: Heartbeat timeout reached, starting election', '2015/02/02 16:36:42 [INFO] raft: Node at [fde2:4e92:a3f4:2c72:0:0:3600:0]:8300 [Candidate] entering Candidate state'].join('\n');
    expect(serviceOf('agent.log', consulRaft)).toBe('unknown');
    expect(serviceOf('journal.txt', 'Jul 14 12:26:18 ip-192-168-2-175 consul[25958]: 2019/07/14 12:26:18 [WARN] raft: Heartbeat timeout from "192.168.1.163:8300" reached, starting election')).toBe('host');
  });

  it('needs more than one marker line in a longer file', () => {
    const head = ['worker: one line that looks like a Nomad scheduler', 'an unrelated line', 'another unrelated line'].join('\n');
    expect(serviceOf('misc.log', head)).toBe('unknown');
  });
});
