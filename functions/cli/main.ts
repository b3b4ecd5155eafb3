import { run } from './run.js';
import { EXIT } from './exit-codes.js';

// A reader that closes early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
} catch (error) {
  // One line, no stack trace: operators at 3 a.m. need the message, not our internals.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`incident-triage: internal error: ${message.split('\n')[0]}\n`);
  if (process.env.INCIDENT_TRIAGE_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
  process.exitCode = EXIT.internal;
}
