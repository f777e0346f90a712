import { readFile } from 'node:fs/promises';

import { checkSource, unreadableSource, type CheckedSource } from './source-check';

/** Reads a file's text; injectable so tests need no real /etc. Rejects with ENOENT when absent. */
export type ReadText = (file: string) => Promise<string>;

const MAX_POLICY_BYTES = 1024 * 1024;

export const readTextFile: ReadText = async (file) => {
  const text = await readFile(file, 'utf8');
  if (text.length > MAX_POLICY_BYTES) throw new Error('the file is larger than 1 MB');

  return text;
};

/**
 * Reads one JSON policy file. A missing file is simply not a source (null); a file that exists
 * but cannot be read or parsed is a problem, because IT meant it to apply.
 */
export async function readPolicyFile(
  file: string,
  readText: ReadText = readTextFile,
): Promise<CheckedSource | null> {
  let text: string;
  try {
    text = await readText(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;

    return unreadableSource(file, `The file could not be read (${describe(error)}).`);
  }

  let data: unknown;
  try {
    // Windows editors like to save UTF-8 with a byte-order mark; JSON.parse refuses it.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return unreadableSource(file, `The file is not valid JSON (${describe(error)}).`);
  }

  return checkSource(file, data);
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;

  return code ?? (error instanceof Error ? error.message : String(error));
}
