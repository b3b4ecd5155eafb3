import type { Acknowledgements } from '../nag.js';

/**
 * Findings that do not apply to a function fed only by an SQS event source: failed
 * messages return to the queue and move to its dead-letter queue after maxReceiveCount.
 */
export const QUEUE_SOURCE_ACKNOWLEDGEMENTS: Acknowledgements = {
  'Serverless-LambdaDLQ':
    'Invoked only by an SQS event source mapping, never asynchronously; failed messages go to the source queue\'s dead-letter queue.',
  'Serverless-LambdaEventSourceMappingDestination':
    'SQS event source mappings do not support on-failure destinations; the source queue\'s redrive policy sends failed messages to its dead-letter queue.',
};
