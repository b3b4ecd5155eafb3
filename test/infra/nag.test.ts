import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPipelineApp } from '../../infra/pipeline-app.js';
import { FULL_CONTEXT, synthPipeline, type Synthesized } from './synth.js';

type Violation = { ruleName: string; violatingResources: { constructPath: string }[] };

/** Runs both packs over the synthesized stack, as `cdk synth` does, and lists what is left. */
function findings(pipeline: Synthesized): string[] {
  return [new AwsSolutionsChecks(), new ServerlessChecks()]
    .flatMap((pack) => pack.validateScope(pipeline.stack).violations as Violation[])
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} @ ${r.constructPath}`));
}

/** Every acknowledgement recorded in the tree: id → reason. */
function acknowledgements(root: IConstruct): [string, string][] {
  return root.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
    .flatMap((m) => Object.entries(m.data as Record<string, string>));
}

describe('cdk-nag (AwsSolutions and Serverless packs)', () => {
  let defaults: Synthesized;
  let full: Synthesized;

  beforeAll(() => {
    defaults = synthPipeline();
    full = synthPipeline(FULL_CONTEXT);
  });

  it('runs on every synth of the app: a clean stack synthesizes, an unacknowledged finding fails it', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'cdk-out-'));
    try {
      const clean = createPipelineApp({ outdir: path.join(outdir, 'clean'), context: { 'aws:cdk:bundling-stacks': [] } });
      expect(() => clean.app.synth()).not.toThrow();

      const dirty = createPipelineApp({ outdir: path.join(outdir, 'dirty'), context: { 'aws:cdk:bundling-stacks': [] } });
      dirty.stack.bundles.bucket.grantDelete(dirty.stack.notifier.handler);
      expect(() => dirty.app.synth()).toThrow(/AwsSolutions-IAM5/);
      const report = JSON.parse(readFileSync(path.join(outdir, 'dirty', 'validation-report.json'), 'utf8')) as {
        pluginReports: { pluginName: string; violations: { ruleName: string }[] }[];
      };
      expect(report.pluginReports.flatMap((r) => r.violations.map((v) => `${r.pluginName}: ${v.ruleName}`))).toEqual([
        'AwsSolutions: AwsSolutions-IAM5[Action::s3:DeleteObject*]',
        'AwsSolutions: AwsSolutions-IAM5[Resource::<BundleBucket.Arn>/*]',
      ]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('leaves no unacknowledged finding with the default context', () => {
    expect(findings(defaults)).toEqual([]);
  });

  it('leaves no unacknowledged finding with every optional feature on', () => {
    expect(findings(full)).toEqual([]);
  });

  it('acknowledges single findings, each with a reason', () => {
    const acks = acknowledgements(full.stack);
    expect(acks.length).toBeGreaterThan(0);
    for (const [id, reason] of acks) {
      // a rule id, optionally narrowed to one finding; never a wildcard over a rule family
      expect(id).toMatch(/^Annotation::(AwsSolutions|Serverless)-[A-Za-z0-9]+(\[(Action|Resource|Policy)::[^\]]+\])?$/);
      expect(reason.length, id).toBeGreaterThan(30);
    }
  });

  it('still reports a wildcard grant nobody acknowledged', () => {
    const pipeline = synthPipeline();
    pipeline.stack.bundles.bucket.grantDelete(pipeline.stack.notifier.handler);
    expect(findings(pipeline)).toEqual(
      expect.arrayContaining([
        'AwsSolutions-IAM5[Action::s3:DeleteObject*] @ IncidentPipeline/Notifier/Handler/Role/DefaultPolicy/Resource',
        'AwsSolutions-IAM5[Resource::<BundleBucket.Arn>/*] @ IncidentPipeline/Notifier/Handler/Role/DefaultPolicy/Resource',
      ]),
    );
  });

  it('still reports a function without tracing', () => {
    const pipeline = synthPipeline();
    const fn = pipeline.stack.notifier.handler.function.node.defaultChild as { tracingConfig?: unknown };
    fn.tracingConfig = undefined;
    expect(findings(pipeline)).toContain('Serverless-LambdaTracing @ IncidentPipeline/Notifier/Handler/Function/Resource');
  });
});
