import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'incident-pipeline';

/** One Logger and one Metrics instance per process, shared by every handler (Powertools guidance). */
export const logger = new Logger({ serviceName });
export const metrics = new Metrics({ serviceName, namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'IncidentPipeline' });

type Extra = Record<string, unknown>;

/** The domain's logging port on top of the Powertools logger (structured extra keys, no payloads). */
export const pipelineLogger = {
  info: (message: string, extra: Extra = {}) => logger.info(message, extra),
  warn: (message: string, extra: Extra = {}) => logger.warn(message, extra),
  error: (message: string, extra: Extra = {}) => logger.error(message, extra),
};
