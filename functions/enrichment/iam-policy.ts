/** An IAM policy statement in the JSON shape IAM and `PolicyStatement.fromJson` accept. */
export interface IamStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
}

/**
 * The least privilege the AWS enrichment needs (LookupEvents backend). None of these actions
 * supports resource-level permissions, hence `*`. docs/enrichment-iam-policy.json holds the same.
 */
export const ENRICHMENT_IAM_STATEMENTS: readonly IamStatement[] = [
  { Sid: 'DecodeAuthorizationMessages', Effect: 'Allow', Action: ['sts:DecodeAuthorizationMessage'], Resource: '*' },
  { Sid: 'LookupCloudTrailEvents', Effect: 'Allow', Action: ['cloudtrail:LookupEvents'], Resource: '*' },
  {
    Sid: 'DescribeAutoScalingGroups',
    Effect: 'Allow',
    Action: ['autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribeLifecycleHooks', 'autoscaling:DescribeInstanceRefreshes'],
    Resource: '*',
  },
];

/**
 * Extra statements for the Athena backend: run queries in one workgroup, read the table from
 * Glue, read the trail bucket and write query results.
 */
export function athenaIamStatements(p: {
  partition?: string;
  region: string;
  account: string;
  workGroup: string;
  database: string;
  table: string;
  trailBucket: string;
  resultsBucket: string;
}): IamStatement[] {
  const part = p.partition ?? 'aws';
  return [
    {
      Sid: 'RunTrailQueries',
      Effect: 'Allow',
      Action: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults'],
      Resource: `arn:${part}:athena:${p.region}:${p.account}:workgroup/${p.workGroup}`,
    },
    {
      Sid: 'ReadTrailTable',
      Effect: 'Allow',
      Action: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
      Resource: [
        `arn:${part}:glue:${p.region}:${p.account}:catalog`,
        `arn:${part}:glue:${p.region}:${p.account}:database/${p.database}`,
        `arn:${part}:glue:${p.region}:${p.account}:table/${p.database}/${p.table}`,
      ],
    },
    {
      Sid: 'ReadTrailBucket',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation'],
      Resource: [`arn:${part}:s3:::${p.trailBucket}`, `arn:${part}:s3:::${p.trailBucket}/*`],
    },
    {
      Sid: 'WriteQueryResults',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:AbortMultipartUpload'],
      Resource: [`arn:${part}:s3:::${p.resultsBucket}`, `arn:${part}:s3:::${p.resultsBucket}/*`],
    },
  ];
}

/** The policy document form, as docs/enrichment-iam-policy.json. */
export function enrichmentPolicyDocument(): { Version: '2012-10-17'; Statement: readonly IamStatement[] } {
  return { Version: '2012-10-17', Statement: ENRICHMENT_IAM_STATEMENTS };
}
