/** Thrown at cold start when the deployment forgot a setting, so the failure names the variable. */
export class MissingConfigError extends Error {
  override name = 'MissingConfigError';
}

/** Value of a required environment variable; throws when it is missing or blank. */
export function requireEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name]?.trim();
  if (!value) throw new MissingConfigError(`environment variable ${name} is required but not set`);
  return value;
}

export function optionalEnv(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** Positive integer from the environment, or the default; throws on a malformed value. */
export function intEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = optionalEnv(name, env);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new MissingConfigError(`environment variable ${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function listEnv(name: string, env: NodeJS.ProcessEnv = process.env): string[] {
  return (optionalEnv(name, env) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
