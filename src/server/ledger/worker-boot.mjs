// Boots a worker thread that runs TypeScript source: registers tsx's loader in this thread (Node 20 does not apply
// the parent's --import hooks to a worker's entry), then imports the entry named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
