// A small W3C WebDriver client for tauri-driver, on Node's own fetch: no browser downloads,
// nothing but the protocol (https://www.w3.org/TR/webdriver2/).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class Driver {
  constructor(base) {
    this.base = base;
    this.session = null;
  }

  async call(method, path, body) {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      // A stuck driver must fail the test, not hang the whole run.
      signal: AbortSignal.timeout(30000),
    });
    const json = await res.json();
    if (!res.ok || (json.value && json.value.error)) {
      throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value)}`);
    }
    return json.value;
  }

  async start(application) {
    const value = await this.call('POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application } } },
    });
    this.session = value.sessionId;
  }

  s(path) {
    return `/session/${this.session}${path}`;
  }

  async find(css) {
    const v = await this.call('POST', this.s('/element'), { using: 'css selector', value: css });
    return v[ELEMENT];
  }

  async findAll(css) {
    const v = await this.call('POST', this.s('/elements'), { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT]);
  }

  async text(css) {
    return this.call('GET', this.s(`/element/${await this.find(css)}/text`));
  }

  async click(css) {
    await this.call('POST', this.s(`/element/${await this.find(css)}/click`), {});
  }

  async type(css, text) {
    await this.call('POST', this.s(`/element/${await this.find(css)}/value`), { text });
  }

  async execute(script, args = []) {
    return this.call('POST', this.s('/execute/async'), { script, args });
  }

  /** Calls a Redress command the way the UI does, through Tauri's IPC and its permission checks. */
  async invoke(cmd, args) {
    return this.execute(
      `const [cmd, args, done] = arguments;
       window.__TAURI_INTERNALS__.invoke(cmd, args).then((v) => done({ ok: v }), (e) => done({ err: e }));`,
      [cmd, args],
    );
  }

  /** Sets a form field's value as a person's input would (date pickers and selects included). */
  async setValue(css, value) {
    await this.execute(
      `const [css, value, done] = arguments;
       const el = document.querySelector(css);
       el.value = value;
       el.dispatchEvent(new Event('input', { bubbles: true }));
       el.dispatchEvent(new Event('change', { bubbles: true }));
       done(true);`,
      [css, value],
    );
  }

  /** Waits two animation frames, so a screenshot shows what has been painted. */
  async painted() {
    await this.execute('const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));');
  }

  async screenshot() {
    return Buffer.from(await this.call('GET', this.s('/screenshot')), 'base64');
  }

  /** Polls `probe` until it returns a truthy value; fails with `what` after `ms`. */
  async until(what, probe, ms = 15000) {
    const end = Date.now() + ms;
    let last;
    while (Date.now() < end) {
      try {
        const v = await probe();
        if (v) return v;
      } catch (e) {
        last = e;
      }
      await sleep(150);
    }
    throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
  }

  async stop() {
    if (this.session) await this.call('DELETE', this.s('')).catch(() => {});
    this.session = null;
  }
}

function listening(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts tauri-driver on `port` (and WebKitWebDriver on `port + 1`) and waits until both listen. */
export async function startTauriDriver(port, env) {
  const child = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const end = Date.now() + 20000;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    // Asking tauri-driver's /status before WebKitWebDriver listens makes it log a connection
    // error, so wait for both ports first.
    if ((await listening(port)) && (await listening(port + 1))) return { child, base };
    await sleep(200);
  }
  child.kill();
  throw new Error('tauri-driver did not start within 20 s');
}

/**
 * Starts tauri-driver on `port`, opens the app named by REDRESS_APP_BINARY with its own
 * data folder, and waits for the navigation frame. Returns the driver and a stop function.
 */
export async function openApp(port, dataDir) {
  const app = process.env.REDRESS_APP_BINARY;
  if (!app || !existsSync(app)) throw new Error(`REDRESS_APP_BINARY must name the built app, got ${app}`);
  const { child, base } = await startTauriDriver(port, { ...process.env, REDRESS_DATA_DIR: dataDir });
  const driver = new Driver(base);
  await driver.start(app);
  await driver.until('the navigation frame', async () => (await driver.findAll('nav [data-screen]')).length >= 6);
  return {
    driver,
    stop: async () => {
      try {
        await driver.stop();
      } finally {
        child.kill();
        await reapApp(app, dataDir);
      }
    },
  };
}

/** The pids of app processes started for `dataDir` (found through /proc: exe and environment). */
function appProcesses(app, dataDir) {
  const exe = realpathSync(app);
  const marker = `REDRESS_DATA_DIR=${dataDir}`;
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/exe`) !== exe) continue;
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(marker)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return pids;
}

/**
 * Makes sure the app window of a test is gone. Deleting the session normally closes it, but
 * when it does not (the driver was killed first, or the session call failed) the orphaned app
 * keeps the test runner waiting forever. Give it 3 s to exit, then kill it.
 */
async function reapApp(app, dataDir) {
  const end = Date.now() + 3000;
  while (appProcesses(app, dataDir).length > 0 && Date.now() < end) await sleep(100);
  for (const pid of appProcesses(app, dataDir)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
