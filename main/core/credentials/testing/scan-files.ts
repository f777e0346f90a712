import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Every regular file under `root`, following no symlinks. */
export async function listFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await fs.readdir(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(full)));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

/** The files under `root` whose bytes contain any of `needles`, with the needle's label. */
export async function filesContaining(
  root: string,
  needles: Record<string, Buffer>,
): Promise<string[]> {
  const hits: string[] = [];
  for (const file of await listFiles(root)) {
    const bytes = await fs.readFile(file);
    for (const [label, needle] of Object.entries(needles)) {
      if (bytes.includes(needle)) hits.push(`${path.relative(root, file)}: ${label}`);
    }
  }
  return hits;
}

/** A secret in the forms it could leak as: raw, base64, base64url and hex (both cases). */
export function secretForms(label: string, secret: Buffer): Record<string, Buffer> {
  const forms: Record<string, Buffer> = {
    [`${label} raw`]: secret,
    [`${label} base64`]: Buffer.from(secret.toString('base64')),
    [`${label} base64url`]: Buffer.from(secret.toString('base64url')),
    [`${label} hex`]: Buffer.from(secret.toString('hex')),
    [`${label} HEX`]: Buffer.from(secret.toString('hex').toUpperCase()),
  };
  return forms;
}
