import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { optionalEnv } from './env.js';

/**
 * SDK clients, created once per process. `AWS_ENDPOINT_URL_<SERVICE>` points them at local
 * emulators; S3 emulators need path-style addressing and no streaming checksums (s3rver stores the
 * aws-chunked framing otherwise).
 */
const s3Endpoint = optionalEnv('AWS_ENDPOINT_URL_S3');
const ddbEndpoint = optionalEnv('AWS_ENDPOINT_URL_DYNAMODB');

export const s3 = new S3Client({
  ...(s3Endpoint ? { endpoint: s3Endpoint, forcePathStyle: true } : {}),
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});

export const dynamodb = new DynamoDBClient(ddbEndpoint ? { endpoint: ddbEndpoint } : {});
export const documentClient = DynamoDBDocumentClient.from(dynamodb, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
export const sns = new SNSClient({});
export const sqs = new SQSClient({});
export const secretsManager = new SecretsManagerClient({});
