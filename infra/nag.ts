import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** Finding id (exactly as cdk-nag prints it) mapped to the reason it is accepted. */
export type Acknowledgements = Readonly<Record<string, string>>;

/**
 * Registers the cdk-nag packs as policy-validation plugins, so every synth fails on a
 * finding nobody has acknowledged.
 */
export function addNagPacks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }), new ServerlessChecks(app, { verbose: true }));
}

/**
 * Acknowledges findings on one construct (and its children). Each id names a single
 * finding, e.g. `AwsSolutions-IAM5[Resource::<BundleBucket.Arn>/reports/*]`, never a whole rule family.
 */
export function acknowledge(scope: IConstruct, findings: Acknowledgements): void {
  Validations.of(scope).acknowledge(...Object.entries(findings).map(([id, reason]) => ({ id, reason })));
}
