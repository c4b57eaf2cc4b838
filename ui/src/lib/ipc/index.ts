// The only door from the UI to the Rust side. Screens import from here, never from
// @tauri-apps/api directly: commands come from the generated bindings, errors become
// IpcFailure with the code the Rust side chose, and external links go through one check.
import { openUrl } from '@tauri-apps/plugin-opener';
import { Channel } from '@tauri-apps/api/core';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { open as openDialog, save as saveDialog } from '@tauri-apps/plugin-dialog';
import {
  commands,
  type CaseEventInputDto,
  type ConnectInputDto,
  type SendProgressDto,
  type IpcError,
  type ChecklistChangeDto,
  type DossierRequestDto,
  type IpcErrorCode,
  type AnswerKind,
  type Lang,
  type LetterFormat,
  type LetterRequestDto,
  type RequestKind,
  type SelfCheckOutcome,
  type ProfileInputDto,
  type UnlockModeDto,
  type VendorQueryDto,
} from './bindings';
import { isSafeExternalUrl } from '../vendors/present';

export type * from './bindings';

/** A command failed; `code` is what the UI branches on, `message` is for people. */
export class IpcFailure extends Error {
  readonly code: IpcErrorCode;
  constructor(code: IpcErrorCode, message: string) {
    super(message);
    this.name = 'IpcFailure';
    this.code = code;
  }
}

type Outcome<T> = { status: 'ok'; data: T } | { status: 'error'; error: IpcError | string };

/** Returns the data of a command's result, or throws IpcFailure. */
export function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.status === 'ok') return outcome.data;
  const e = outcome.error;
  // Tauri itself (not our command) rejects with a plain string, e.g. a denied permission.
  if (typeof e === 'string') throw new IpcFailure('internal', e);
  throw new IpcFailure(e.code, e.message);
}

export const ipc = {
  registryInfo: async () => unwrap(await commands.registryInfo()),
  registryFacets: async () => unwrap(await commands.registryFacets()),
  vendorsSearch: async (query: VendorQueryDto) => unwrap(await commands.vendorsSearch(query)),
  vendorDetail: async (id: string) => unwrap(await commands.vendorDetail(id)),
  authoritiesList: async () => unwrap(await commands.authoritiesList()),
  registryImport: async (path: string) => unwrap(await commands.registryImport(path)),
  registryResetImports: async () => unwrap(await commands.registryResetImports()),
  storeStatus: async () => unwrap(await commands.storeStatus()),
  storeCreate: async (mode: UnlockModeDto, passphrase: string | null) => unwrap(await commands.storeCreate(mode, passphrase)),
  storeUnlock: async (passphrase: string | null) => unwrap(await commands.storeUnlock(passphrase)),
  storeLock: async () => unwrap(await commands.storeLock()),
  storeChangeKey: async (mode: UnlockModeDto, passphrase: string | null) => unwrap(await commands.storeChangeKey(mode, passphrase)),
  storeBackup: async (path: string, passphrase: string) => unwrap(await commands.storeBackup(path, passphrase)),
  storeRestore: async (path: string, backupPassphrase: string, mode: UnlockModeDto, passphrase: string | null, overwrite: boolean) =>
    unwrap(await commands.storeRestore(path, backupPassphrase, mode, passphrase, overwrite)),
  profilesList: async () => unwrap(await commands.profilesList()),
  profileSave: async (id: number | null, input: ProfileInputDto) => unwrap(await commands.profileSave(id, input)),
  profileRemove: async (id: number) => unwrap(await commands.profileRemove(id)),
  profileSetMandate: async (id: number, path: string) => unwrap(await commands.profileSetMandate(id, path)),
  profileRemoveMandate: async (id: number) => unwrap(await commands.profileRemoveMandate(id)),
  casesList: async () => unwrap(await commands.casesList()),
  caseOpen: async (profileId: number, vendorId: string, kind: RequestKind) => unwrap(await commands.caseOpen(profileId, vendorId, kind)),
  caseRecord: async (id: number, input: CaseEventInputDto) => unwrap(await commands.caseRecord(id, input)),
  casesExportIcs: async (path: string) => unwrap(await commands.casesExportIcs(path)),
  caseImportReply: async (path: string, id: number | null, answer: AnswerKind | null) => unwrap(await commands.caseImportReply(path, id, answer)),
  caseAddProof: async (id: number, path: string) => unwrap(await commands.caseAddProof(id, path)),
  caseSetChecklist: async (id: number, changes: ChecklistChangeDto[]) => unwrap(await commands.caseSetChecklist(id, changes)),
  dossierPreview: async (request: DossierRequestDto) => unwrap(await commands.dossierPreview(request)),
  dossierSave: async (request: DossierRequestDto, path: string) => unwrap(await commands.dossierSave(request, path)),
  letterPreview: async (request: LetterRequestDto) => unwrap(await commands.letterPreview(request)),
  lettersSave: async (request: LetterRequestDto, format: LetterFormat, path: string) => unwrap(await commands.lettersSave(request, format, path)),
  accessItems: async (lang: Lang) => unwrap(await commands.accessItems(lang)),
  discoverScan: async (profileId: number, paths: string[]) => unwrap(await commands.discoverScan(profileId, paths)),
  discoverBoard: async (profileId: number) => unwrap(await commands.discoverBoard(profileId)),
  discoverSelfCheck: async (profileId: number, vendorId: string, outcome: SelfCheckOutcome, note: string | null, screenshotPath: string | null) =>
    unwrap(await commands.discoverSelfCheck(profileId, vendorId, outcome, note, screenshotPath)),
  discoverReadAnswer: async (path: string) => unwrap(await commands.discoverReadAnswer(path)),
  hibpKeyStatus: async () => unwrap(await commands.hibpKeyStatus()),
  hibpSetKey: async (key: string) => unwrap(await commands.hibpSetKey(key)),
  hibpForgetKey: async () => unwrap(await commands.hibpForgetKey()),
  hibpCheck: async (profileId: number) => unwrap(await commands.hibpCheck(profileId)),
  mailProposal: async (address: string) => unwrap(await commands.mailProposal(address)),
  mailConnect: async (input: ConnectInputDto, password: string) => unwrap(await commands.mailConnect(input, password)),
  mailStatus: async () => unwrap(await commands.mailStatus()),
  /** Sends the cases' letters; `onProgress` hears each step as it happens. */
  mailSend: async (caseIds: number[], fromProfileId: number | null, onProgress: (p: SendProgressDto) => void) => {
    const channel = new Channel<SendProgressDto>();
    channel.onmessage = onProgress;
    return unwrap(await commands.mailSend(caseIds, fromProfileId, channel));
  },
  mailSendCancel: async () => unwrap(await commands.mailSendCancel()),
};

/** Asks where to save the complaint PDF; null when cancelled. */
export async function chooseComplaintTarget(stem: string): Promise<string | null> {
  return (await saveDialog({ title: 'Save the complaint file', defaultPath: `${stem}.pdf`, filters: [{ name: 'PDF', extensions: ['pdf'] }] })) ?? null;
}

/** Asks where to save one letter; null when cancelled. */
export async function chooseLetterTarget(stem: string, format: Exclude<LetterFormat, 'mailto'>): Promise<string | null> {
  const names = { pdf: 'PDF letter', eml: 'E-mail ready to send', txt: 'Text' };
  return (await saveDialog({ title: 'Save the letter', defaultPath: `${stem}.${format}`, filters: [{ name: names[format], extensions: [format] }] })) ?? null;
}

/** Asks for the folder a batch of letters goes into; null when cancelled. */
export async function chooseLetterFolder(count: number): Promise<string | null> {
  const picked = await openDialog({ title: `Choose a folder for the ${count} letters`, multiple: false, directory: true });
  return typeof picked === 'string' ? picked : null;
}

/** Asks where to save the deadlines calendar; null when cancelled. */
export async function chooseIcsTarget(): Promise<string | null> {
  return (await saveDialog({ title: 'Save the deadlines to your calendar', defaultPath: 'redress-deadlines.ics', filters: [{ name: 'Calendar', extensions: ['ics'] }] })) ?? null;
}

/** Asks for a vendor's reply or a proof of sending; null when cancelled. */
export async function chooseEvidenceFile(title: string): Promise<string | null> {
  const picked = await openDialog({
    title,
    multiple: false,
    directory: false,
    filters: [{ name: 'E-mail, PDF, text or scan', extensions: ['eml', 'pdf', 'txt', 'png', 'jpg', 'jpeg'] }],
  });
  return typeof picked === 'string' ? picked : null;
}

/** Asks for a signed mandate (PDF or scan); null when cancelled. */
export async function chooseMandateFile(): Promise<string | null> {
  const picked = await openDialog({
    title: 'Attach a signed mandate',
    multiple: false,
    directory: false,
    filters: [{ name: 'PDF or scan', extensions: ['pdf', 'png', 'jpg', 'jpeg'] }],
  });
  return typeof picked === 'string' ? picked : null;
}

/** Asks where to write a backup; null when cancelled. */
export async function chooseBackupTarget(): Promise<string | null> {
  return (await saveDialog({ title: 'Save a backup of your store', defaultPath: 'redress.backup', filters: [{ name: 'Redress backup', extensions: ['backup'] }] })) ?? null;
}

/** Asks for a backup to restore; null when cancelled. */
export async function chooseBackupFile(): Promise<string | null> {
  const picked = await openDialog({ title: 'Restore a backup', multiple: false, directory: false, filters: [{ name: 'Redress backup', extensions: ['backup'] }] });
  return typeof picked === 'string' ? picked : null;
}

/** Opens a web or mailto link in the system browser or mail client; refuses anything else. */
export async function openExternal(url: string): Promise<void> {
  if (!isSafeExternalUrl(url)) throw new IpcFailure('invalid_input', `not a web or mail link: ${url}`);
  await openUrl(url);
}

/** Asks the user for a registry file; null when they cancel. */
export async function chooseRegistryFile(): Promise<string | null> {
  const picked = await openDialog({
    title: 'Import a registry file',
    multiple: false,
    directory: false,
    filters: [{ name: 'Redress registry (JSON)', extensions: ['json'] }],
  });
  return typeof picked === 'string' ? picked : null;
}

/** Asks for exported mail (.mbox or .eml files); empty when cancelled. */
export async function chooseMailFiles(): Promise<string[]> {
  const picked = await openDialog({
    title: 'Choose exported mail to scan',
    multiple: true,
    directory: false,
    filters: [{ name: 'Mailbox or e-mail (.mbox, .eml)', extensions: ['mbox', 'mbx', 'eml'] }, { name: 'Any file (Thunderbird folders have no extension)', extensions: ['*'] }],
  });
  if (picked === null) return [];
  return Array.isArray(picked) ? picked : [picked];
}

/** Asks for a folder of mail (Maildir, an export folder); null when cancelled. */
export async function chooseMailFolder(): Promise<string | null> {
  const picked = await openDialog({ title: 'Choose a mail folder to scan', multiple: false, directory: true });
  return typeof picked === 'string' ? picked : null;
}

/** Asks for a private certificate authority's certificate (PEM); null when cancelled. */
export async function chooseCaFile(): Promise<string | null> {
  const picked = await openDialog({
    title: 'Choose the certificate of your mail server’s authority',
    multiple: false,
    directory: false,
    filters: [{ name: 'PEM certificate', extensions: ['pem', 'crt', 'cer'] }, { name: 'Any file', extensions: ['*'] }],
  });
  return typeof picked === 'string' ? picked : null;
}

/** Asks for a screenshot of a vendor's page; null when cancelled. */
export async function chooseScreenshot(): Promise<string | null> {
  const picked = await openDialog({ title: 'Attach a screenshot', multiple: false, directory: false, filters: [{ name: 'PNG or JPEG', extensions: ['png', 'jpg', 'jpeg'] }] });
  return typeof picked === 'string' ? picked : null;
}

/**
 * Calls `onDrop` with the paths of files dropped on the window, and `onHover` while something is
 * dragged over it. Returns the function that stops listening.
 */
export async function onFilesDropped(onDrop: (paths: string[]) => void, onHover: (over: boolean) => void): Promise<() => void> {
  return getCurrentWebview().onDragDropEvent((event) => {
    const p = event.payload;
    if (p.type === 'enter' || p.type === 'over') onHover(true);
    else if (p.type === 'leave') onHover(false);
    else if (p.type === 'drop') {
      onHover(false);
      if (p.paths.length) onDrop(p.paths);
    }
  });
}
