import { createPipelineApp } from './pipeline-app.js';

// the CDK CLI sets CDK_OUTDIR, which makes the app synthesize when the process exits
createPipelineApp();
