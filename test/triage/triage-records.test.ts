import { describe, expect, it } from 'vitest';
import { triage } from '../../functions/triage/index.js';
import { bytesInput, finding } from './helpers.js';

const NOW = () => new Date('2025-03-14T12:00:00Z');

/** A Spring Boot line, its exception, frames and a Caused by chain whose root is PostgreSQL refusing clients. */
const JAVA = [
  '2025-03-14 09:39:57.000  INFO 1 --- [main] c.c.contexts.App : started',
  '2025-03-14 09:39:58.120 ERROR 1 --- [grpc-3] c.c.contexts.Store : fetch failed',
  'org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection',
  '\tat org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:84)',
  'Caused by: org.postgresql.util.PSQLException: FATAL: sorry, too many clients already',
  '\tat org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:646)',
  '\t... 41 common frames omitted',
  '2025-03-14 09:40:00.000  INFO 1 --- [main] c.c.contexts.App : next',
];

const VAULT = [
  '2025-03-14T09:41:00.000Z [INFO]  contexts: decrypting',
  'Error decrypting context: Error making API request.',
  '',
  'URL: PUT https://vault.circleci-server.svc.cluster.local:8200/v1/transit/decrypt/contexts',
  'Code: 403. Errors:',
  '',
  '* permission denied',
  '2025-03-14T09:41:01.000Z [INFO]  contexts: done',
];

describe('multi-line records in the triage', () => {
  it('reports a Caused by root cause at the record first line, with the record as context', async () => {
    const report = await triage([bytesInput('contexts-service.log', `${JAVA.join('\n')}\n`)], { now: NOW });
    const f = finding(report, 'postgresql.connection-slots-exhausted');
    expect(f?.count).toBe(1);
    expect(f?.evidence[0]).toMatchObject({ line: 2, text: JAVA[1], timestamp: '2025-03-14T09:39:58.120Z' });
    expect(f?.evidence[0]?.context).toContain('Caused by: org.postgresql.util.PSQLException');
    expect(f?.evidence[0]?.context).not.toContain('c.c.contexts.App : next');
  });

  it('matches a Vault error block as one record: the 403 and its bullet lines are seen together', async () => {
    const report = await triage([bytesInput('contexts-service.log', `${VAULT.join('\n')}\n`)], { now: NOW });
    const f = finding(report, 'vault.permission-denied');
    expect(f?.count).toBe(1);
    expect(f?.evidence[0]).toMatchObject({ line: 2, text: VAULT[1] });
    expect(f?.evidence[0]?.context).toBe(VAULT.slice(1, 7).join('\n'));
  });

  it('finds the same record when the input arrives in tiny chunks', async () => {
    const text = `${JAVA.join('\n')}\n${VAULT.join('\n')}\n`;
    const chunks = Array.from({ length: Math.ceil(text.length / 7) }, (_, i) => Buffer.from(text.slice(i * 7, i * 7 + 7)));
    const report = await triage([bytesInput('contexts-service.log', chunks)], { now: NOW });
    expect(finding(report, 'postgresql.connection-slots-exhausted')?.evidence[0]?.line).toBe(2);
    expect(finding(report, 'vault.permission-denied')?.evidence[0]?.line).toBe(JAVA.length + 2);
  });
});
