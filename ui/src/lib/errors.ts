// Turning command failures into the sentence a person should read.
import { IpcFailure } from './ipc';

export function explain(e: unknown): string {
  if (e instanceof IpcFailure) {
    switch (e.code) {
      case 'wrong_passphrase':
        return `That passphrase does not open it. Nothing was changed. (${e.message})`;
      case 'keyring_unavailable':
        return `${e.message}`;
      default:
        return e.message;
    }
  }
  return e instanceof Error ? e.message : String(e);
}

export function isCode(e: unknown, code: string): boolean {
  return e instanceof IpcFailure && e.code === code;
}
