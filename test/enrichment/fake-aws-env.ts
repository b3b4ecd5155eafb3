import { afterAll, beforeAll } from 'vitest';
import { startFakeAws, type FakeAwsState } from './fake-aws-server.js';

type FakeAws = Awaited<ReturnType<typeof startFakeAws>>;

/**
 * Starts the loopback AWS server for the file's tests and points the SDK's standard
 * configuration chain at it (endpoint overrides, dummy credentials, no profile or metadata).
 * Returns a getter for the running server.
 */
export function useFakeAws(state: FakeAwsState): () => FakeAws {
  const saved = { ...process.env };
  let server: FakeAws | undefined;
  beforeAll(async () => {
    server = await startFakeAws(state);
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_STS: server.url,
      AWS_ENDPOINT_URL_CLOUDTRAIL: server.url,
      AWS_ENDPOINT_URL_AUTO_SCALING: server.url,
      AWS_ENDPOINT_URL_ATHENA: server.url,
      AWS_ACCESS_KEY_ID: 'AKIDFAKEENRICHMENT',
      AWS_SECRET_ACCESS_KEY: 'fake-secret-for-loopback',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/nonexistent/aws-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    });
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_ENDPOINT_URL;
  });
  afterAll(async () => {
    process.env = saved;
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('the fake AWS server is not running (use it inside a test)');
    return server;
  };
}
