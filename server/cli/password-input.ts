import { createInterface } from 'node:readline';

/** Reads one line from stdin: a pipe (`echo pw | ...`) or, on a terminal, after a prompt. */
export async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (input is visible): ');

  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new Error('no password given: pass --password or write it on stdin');
}
