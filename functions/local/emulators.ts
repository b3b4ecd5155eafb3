import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

/** s3rver only accepts this key pair; dynalite accepts any. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
export const EMULATOR_REGION = 'us-east-1';

export interface Emulators {
  dynamodbEndpoint: string;
  s3Endpoint: string;
  close(): Promise<void>;
}

/**
 * DynamoDB (dynalite) and S3 (s3rver) in this process, on loopback ports. With `directory`, both
 * persist under it (LevelDB and files); without, DynamoDB is in memory.
 */
export async function startEmulators(options: { dynamodbPath?: string; s3Directory: string; port?: { dynamodb?: number; s3?: number } }): Promise<Emulators> {
  if (options.dynamodbPath) mkdirSync(options.dynamodbPath, { recursive: true });
  mkdirSync(options.s3Directory, { recursive: true });
  const ddb = dynalite({ ...(options.dynamodbPath ? { path: options.dynamodbPath } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    ddb.once('error', reject);
    ddb.listen(options.port?.dynamodb ?? 0, '127.0.0.1', () => resolve());
  });
  const s3 = new S3rver({ port: options.port?.s3 ?? 0, address: '127.0.0.1', silent: true, directory: options.s3Directory });
  const address = await s3.run();
  return {
    dynamodbEndpoint: `http://127.0.0.1:${(ddb.address() as AddressInfo).port}`,
    s3Endpoint: `http://127.0.0.1:${address.port}`,
    async close() {
      await new Promise<void>((resolve) => ddb.close(() => resolve()));
      await s3.close();
    },
  };
}

export interface ResourceNames {
  incidentTable: string;
  idempotencyTable: string;
  bucket: string;
}

export function emulatorClients(endpoints: { dynamodbEndpoint: string; s3Endpoint: string }): { dynamodb: DynamoDBClient; s3: S3Client } {
  return {
    dynamodb: new DynamoDBClient({ endpoint: endpoints.dynamodbEndpoint, region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS }),
    s3: new S3Client({
      endpoint: endpoints.s3Endpoint,
      forcePathStyle: true,
      region: EMULATOR_REGION,
      credentials: EMULATOR_CREDENTIALS,
      // Without these the SDK sends aws-chunked bodies that s3rver stores verbatim.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  };
}

/** Creates the tables and bucket the stack defines (same keys and index), if missing. */
export async function createResources(clients: { dynamodb: DynamoDBClient; s3: S3Client }, names: ResourceNames): Promise<void> {
  await ignoreExists(() =>
    clients.dynamodb.send(
      new CreateTableCommand({
        TableName: names.incidentTable,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'gsi1pk', AttributeType: 'S' },
          { AttributeName: 'gsi1sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    ),
  );
  await ignoreExists(() =>
    clients.dynamodb.send(
      new CreateTableCommand({
        TableName: names.idempotencyTable,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    ),
  );
  await ignoreExists(() => clients.s3.send(new CreateBucketCommand({ Bucket: names.bucket })));
}

async function ignoreExists(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (e instanceof ResourceInUseException || name === 'ResourceInUseException' || name === 'BucketAlreadyOwnedByYou' || name === 'BucketAlreadyExists') return;
    throw e;
  }
}
