export { startJobs, type Jobs, type JobsOptions } from './scheduler.js';
export { runDueJobs, runDailyJob, claimJobRun, DAILY_JOB, type DueJobsResult, type DailyResult } from './run-due-jobs.js';
export type { JobLog } from './log.js';
