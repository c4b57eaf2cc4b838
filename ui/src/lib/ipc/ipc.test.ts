// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { IpcFailure, ipc, openExternal } from './index';

afterEach(() => clearMocks());

describe('ipc', () => {
  it('passes the query to vendors_search and returns its data', async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return [{ id: 'kaspr', name: 'Kaspr', legalEntity: 'KASPR SAS', country: 'FR', requestEmail: 'privacy@kaspr.io', categories: [], imported: false }];
    });
    const found = await ipc.vendorsSearch({ text: 'kaspr', category: null, country: null });
    expect(found.map((v) => v.id)).toEqual(['kaspr']);
    expect(calls).toEqual([['vendors_search', { query: { text: 'kaspr', category: null, country: null } }]]);
  });

  it('turns a command error into IpcFailure with its code', async () => {
    mockIPC(() => {
      throw { code: 'not_found', message: 'no vendor with id "nope" in the registry' };
    });
    const failure = await ipc.vendorDetail('nope').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(IpcFailure);
    expect((failure as IpcFailure).code).toBe('not_found');
    expect((failure as IpcFailure).message).toContain('"nope"');
  });

  it('treats a plain-string rejection (e.g. a denied permission) as internal', async () => {
    mockIPC(() => {
      throw 'registry_info not allowed';
    });
    const failure = await ipc.registryInfo().catch((e: unknown) => e);
    expect((failure as IpcFailure).code).toBe('internal');
  });

  it('refuses to open anything but web and mail links, without asking Rust', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
    });
    await expect(openExternal('javascript:alert(1)')).rejects.toThrow('not a web or mail link');
    await expect(openExternal('file:///etc/passwd')).rejects.toBeInstanceOf(IpcFailure);
    expect(calls).toEqual([]);
    await openExternal('https://www.cnil.fr/fr/plaintes');
    expect(calls).toEqual(['plugin:opener|open_url']);
  });
});
