// The site build's workbook writer thread (xlsx-workbook.ts says why): one request
// at a time, answered with the workbook's bytes or the error's message.
import { parentPort } from 'node:worker_threads';
import { writePostedWorkbook, type PostedSheet } from './xlsx-workbook.ts';

if (!parentPort) throw new Error('xlsx-worker.ts runs as a worker thread of the site build');
const port = parentPort;
port.on('message', (request: { id: number; sheets: PostedSheet[] }) => {
  writePostedWorkbook(request.sheets).then(
    (bytes) => port.postMessage({ id: request.id, bytes }, [bytes.buffer]),
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
