// The worker thread of export-workers.ts: parses one export file per message
// and replies with its rows, or with the file's error as the main thread
// would have raised it.
import { parentPort } from 'node:worker_threads';
import { extractExportFile, sendError, type ExportJob, type WorkerReply } from './export-workers.ts';

if (!parentPort) throw new Error('export-worker.ts runs as a worker thread of export-workers.ts');
const port = parentPort;

port.on('message', async ({ id, job, currency }: { id: number; job: ExportJob; currency: string }) => {
  let reply: WorkerReply;
  try {
    reply = { id, extracted: await extractExportFile(job, currency) };
  } catch (error) {
    reply = { id, error: sendError(error) };
  }
  port.postMessage(reply);
});
