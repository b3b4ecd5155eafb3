import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';

/** Lets ESM bundles load CommonJS dependencies that call `require` (tar-stream → streamx). */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'module';const require = createRequire(import.meta.url);";

export interface PipelineFunctionProps {
  /** Absolute path of the handler entry file; it must export `handler`. */
  readonly entry: string;
  /** Absolute path of the repository root (holds package-lock.json). */
  readonly projectRoot: string;
  readonly description: string;
  /** Powertools service name, also used in log and metric dimensions. */
  readonly serviceName: string;
  readonly logLevel: string;
  readonly logRetentionDays: number;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /** @default - no reservation; the function shares the account's unreserved pool */
  readonly reservedConcurrentExecutions?: number;
  /** @default - none */
  readonly environment?: Readonly<Record<string, string>>;
  /** Where asynchronous invocations go after the last retry. @default - none (for queue-driven functions) */
  readonly onFailure?: lambda.IDestination;
  /** @default - Lambda's default of 2 retries */
  readonly retryAttempts?: number;
  /** @default - Lambda's default of 6 hours */
  readonly maxEventAge?: Duration;
}

/**
 * A Node.js Lambda function with the team defaults: newest Node.js LTS runtime, arm64,
 * ESM bundle, X-Ray tracing, an explicit log group with retention and its own role
 * that holds only what grants add (no AWS managed policies).
 */
export class PipelineFunction extends Construct implements iam.IGrantable {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: retentionDays(props.logRetentionDays),
      // logs are diagnostic only; deleting the stack should not leave them behind
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.serviceName}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      description: props.description,
      // the newest Node.js runtime aws-cdk-lib knows, which is what cdk-nag L1 requires
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      role: this.role,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      onFailure: props.onFailure,
      retryAttempts: props.retryAttempts,
      maxEventAge: props.maxEventAge,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        POWERTOOLS_METRICS_NAMESPACE: 'IncidentPipeline',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        // No source maps: a bundle's map is larger than the bundle itself, and loading it with
        // --enable-source-maps measured 60-270 ms more init per cold start. Kept function names
        // make stack traces readable enough.
        keepNames: true,
        // One rule for every function: the AWS SDK is bundled, not taken from the runtime.
        // The code then runs the SDK version the tests ran (clients are pinned together and
        // lib-storage is not guaranteed on the runtime), and esbuild keeps only the commands
        // used; a single minified file also avoids resolving the runtime's node_modules at init.
        bundleAwsSDK: true,
      },
    });

    acknowledge(this.role, {
      'AwsSolutions-IAM5[Resource::*]':
        'Only X-Ray tracing lands here: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.',
    });
  }

  get grantPrincipal(): iam.IPrincipal {
    return this.role;
  }

  /** Sets an environment variable on the function. */
  addEnvironment(name: string, value: string): void {
    this.function.addEnvironment(name, value);
  }
}

function retentionDays(days: number): logs.RetentionDays {
  // the enum's numeric values, without INFINITE
  const supported = Object.values(logs.RetentionDays).map(Number).filter((value) => Number.isFinite(value) && value > 0 && value < 9999);
  if (!supported.includes(days)) {
    throw new Error(`logRetentionDays must be a CloudWatch Logs retention period (${supported.join(', ')}), got ${days}`);
  }
  // numeric enum: a validated number is a member
  return days;
}
