import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbIncidentStore } from '../adapters/dynamodb-incident-store.js';
import type { Incident } from '../pipeline/model.js';

/**
 * The incident store plus a listing for `npm start -- --list`. Only the local stack lists: a scan
 * has no place in the deployed functions, whose roles are not granted dynamodb:Scan.
 */
export class LocalIncidentStore extends DynamoDbIncidentStore {
  async list(limit: number): Promise<Incident[]> {
    const items: Incident[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'entity = :e',
          ExpressionAttributeValues: { ':e': 'incident' },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) items.push(item.data as Incident);
      start = out.LastEvaluatedKey;
    } while (start && items.length < limit);
    return items.sort((a, b) => b.openedAt.localeCompare(a.openedAt)).slice(0, limit);
  }
}
