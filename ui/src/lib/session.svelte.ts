// Whether the encrypted store exists and is unlocked, shared by the nav and the screens that
// hold personal data.
import { IpcFailure, ipc, type StoreStatusDto } from './ipc';

export const session: { status: StoreStatusDto | null; error: string | null } = $state({ status: null, error: null });

export async function refreshStatus(): Promise<void> {
  try {
    session.status = await ipc.storeStatus();
    session.error = null;
  } catch (e) {
    session.error = e instanceof IpcFailure || e instanceof Error ? e.message : String(e);
  }
}

export function setStatus(status: StoreStatusDto): void {
  session.status = status;
  session.error = null;
}

export async function lockStore(): Promise<void> {
  setStatus(await ipc.storeLock());
}
