import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AlarmTracker, Incident } from '../pipeline/model.js';
import type { IncidentStore, Mutator } from '../pipeline/ports.js';

/**
 * Incident table layout (pk/sk, TTL `expiresAt`, GSI `gsi1` on gsi1pk/gsi1sk):
 * - `INCIDENT#<id>` / `INCIDENT`: the incident (`data`), `rev` for optimistic concurrency; while an
 *   alarm incident is open it is indexed under `ALARMOPEN#<installation>` by alarm time.
 * - `FOLDER#<folder>` / `FOLDER`: which incident an upload folder belongs to.
 * - `ALARM#<installation>#<alarm>` / `TRACKER`: last applied transition of an alarm.
 * Only Get/Put/Query with conditions: no transactions, so dynalite runs the same code. The deployed
 * roles are granted exactly these three calls (infra/constructs/bindings.ts).
 */
export class ConcurrentUpdateError extends Error {
  override name = 'ConcurrentUpdateError';
}

const MAX_ATTEMPTS = 12;

export class DynamoDbIncidentStore implements IncidentStore {
  constructor(
    protected readonly client: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async get(incidentId: string): Promise<Incident | undefined> {
    return this.read<Incident>(incidentKey(incidentId));
  }

  update(incidentId: string, mutate: Mutator<Incident>): Promise<Incident | undefined> {
    return this.readModifyWrite(incidentKey(incidentId), mutate, (incident) => ({
      expiresAt: incident.expiresAt,
      ...(incident.status === 'open' && incident.alarm
        ? { gsi1pk: `ALARMOPEN#${incident.installationId}`, gsi1sk: `${incident.alarm.firstFiredAt}#${incident.id}` }
        : {}),
      entity: 'incident',
    }));
  }

  updateAlarmTracker(installationId: string, alarmName: string, mutate: Mutator<AlarmTracker>): Promise<AlarmTracker | undefined> {
    return this.readModifyWrite({ pk: `ALARM#${installationId}#${alarmName}`, sk: 'TRACKER' }, mutate, () => ({ entity: 'alarm' }));
  }

  async bindFolder(folder: string, incidentId: string): Promise<string> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `FOLDER#${folder}`, sk: 'FOLDER', incidentId, entity: 'folder' },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return incidentId;
    } catch (e) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
      const bound = await this.folderIncident(folder);
      if (!bound) throw new ConcurrentUpdateError(`folder ${folder} binding vanished`);
      return bound;
    }
  }

  async folderIncident(folder: string): Promise<string | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: `FOLDER#${folder}`, sk: 'FOLDER' }, ConsistentRead: true }));
    const id = out.Item?.incidentId as unknown;
    return typeof id === 'string' ? id : undefined;
  }

  async openAlarmIncidents(installationId: string, from: string, to: string): Promise<Incident[]> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `ALARMOPEN#${installationId}`, ':from': from, ':to': `${to}\uffff` },
        ScanIndexForward: false,
        Limit: 20,
      }),
    );
    return (out.Items ?? []).map((i) => i.data as Incident).filter((i) => i.status === 'open');
  }

  private async read<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return out.Item ? (out.Item.data as T) : undefined;
  }

  /** Optimistic concurrency: write only if `rev` is unchanged since the read, else re-read and re-apply. */
  private async readModifyWrite<T extends { rev: number }>(
    key: { pk: string; sk: string },
    mutate: Mutator<T>,
    extra: (value: T) => Record<string, unknown>,
  ): Promise<T | undefined> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = await this.read<T>(key);
      const next = mutate(current);
      if (next === undefined) return current;
      const rev = (current?.rev ?? 0) + 1;
      const value = { ...next, rev };
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...key, data: value, rev, ...extra(value) },
            ...(current
              ? { ConditionExpression: '#rev = :rev', ExpressionAttributeNames: { '#rev': 'rev' }, ExpressionAttributeValues: { ':rev': current.rev } }
              : { ConditionExpression: 'attribute_not_exists(pk)' }),
          }),
        );
        return value;
      } catch (e) {
        if (!(e instanceof ConditionalCheckFailedException)) throw e;
        await sleep(Math.random() * 20 * attempt);
      }
    }
    throw new ConcurrentUpdateError(`${key.pk} changed concurrently ${MAX_ATTEMPTS} times; giving up for now`);
  }
}

function incidentKey(id: string): { pk: string; sk: string } {
  return { pk: `INCIDENT#${id}`, sk: 'INCIDENT' };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
