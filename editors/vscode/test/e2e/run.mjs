#!/usr/bin/env node
// End-to-end test of the Laurel VS Code extension in a real VS Code (code-server),
// driven by Playwright in headless Chromium. Install the tools first with setup.sh.
//
//   node editors/vscode/test/e2e/run.mjs --vsix PATH --project DIR --screenshots DIR
//
// It copies the project to a temporary folder, installs the .vsix into a fresh
// extensions dir, starts code-server on a free localhost port, opens the folder and
// courses.laurel, and checks what the page shows:
//   1. highlighting: the TextMate scope of `micro-credential` (Inspect Editor Tokens
//      and Scopes) and that the keyword is coloured unlike plain text;
//   2. ESCO completion: `skill esco "manage fin` offers the ESCO skill
//      "manage findable accessible interoperable and reusable data";
//   3. a diagnostic: `mode onlline` gets the server's L0030 message in the Problems
//      panel and a red squiggle in the editor.
// One PASS/FAIL line per check, then "N passed, M failed"; exit 0 only if all pass.

/* global document, getComputedStyle, NodeFilter -- used in functions evaluated in the page */
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const E2E = process.env.LAUREL_E2E_DIR || path.resolve(HERE, "../../.e2e");
const CODE_SERVER = path.join(E2E, "node_modules/code-server/out/node/entry.js");
const CHROMIUM = process.env.LAUREL_E2E_CHROMIUM || "/usr/bin/chromium";
const RUN_TIMEOUT_MS = Number(process.env.LAUREL_E2E_TIMEOUT_S || 170) * 1000; // the whole run, including clean-up
const VIEWPORT = { width: 1440, height: 900 };

const ESCO_SKILL = "manage findable accessible interoperable and reusable data";
const SCOPE = "keyword.declaration.item.laurel";
const DIAGNOSTIC = /`onlline` is not a mode of learning and assessment/;

// --- arguments ------------------------------------------------------------------
function usage(msg) {
  if (msg) console.error(`error: ${msg}`);
  console.error("usage: node run.mjs --vsix PATH --project DIR --screenshots DIR [--images DIR]");
  console.error("  --images DIR: also save the README pictures completion.png, diagnostic.png and compiled.png, cropped to the editor");
  process.exit(2);
}
const args = {};
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (!["--vsix", "--project", "--screenshots", "--images"].includes(a)) usage(`unknown argument ${a}`);
  if (i + 1 >= process.argv.length) usage(`${a} needs a value`);
  args[a.slice(2)] = path.resolve(process.argv[++i]);
}
if (!args.vsix || !args.project || !args.screenshots) usage();
if (!fs.existsSync(args.vsix)) usage(`no such file: ${args.vsix}`);
if (!fs.existsSync(path.join(args.project, "courses.laurel"))) usage(`no courses.laurel in ${args.project}`);
if (!fs.existsSync(CODE_SERVER)) usage(`code-server is not installed in ${E2E}: run editors/vscode/test/e2e/setup.sh`);
if (!fs.existsSync(CHROMIUM)) usage(`no Chromium at ${CHROMIUM}: run editors/vscode/test/e2e/setup.sh`);
fs.mkdirSync(args.screenshots, { recursive: true });
for (const f of fs.readdirSync(args.screenshots)) if (/^fail-.*\.png$/.test(f)) fs.rmSync(path.join(args.screenshots, f));
if (args.images) fs.mkdirSync(args.images, { recursive: true });

const require = createRequire(path.join(E2E, "package.json"));
const { chromium } = require("playwright-core");

// --- state and clean-up ----------------------------------------------------------
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const info = (msg) => console.log(`  [${elapsed()}] ${msg}`);
const results = [];
let codeServer = null;
let browser = null;
let page = null;
let cleanedUp = false;
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-"));
const PROJECT = path.join(TMP, path.basename(args.project));
const USER_DATA = path.join(TMP, "user-data");
const EXTENSIONS = path.join(TMP, "extensions");
const CS_LOG = path.join(TMP, "code-server.log");
// Nothing of the user's is read or written: code-server gets its own config file (else
// it writes a default one on its first start), and code-server, VS Code and Chromium a
// home and XDG folders in TMP, without the variables through which code-server and VS
// Code find another config or instance (a VS Code terminal sets VSCODE_IPC_HOOK_CLI).
const CS_CONFIG = path.join(TMP, "code-server.yaml");
const HOME = path.join(TMP, "home");
const ENV = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(CODE_SERVER_|VSCODE_)/.test(name))),
  HOME,
  XDG_CONFIG_HOME: path.join(HOME, ".config"),
  XDG_DATA_HOME: path.join(HOME, ".local/share"),
  XDG_STATE_HOME: path.join(HOME, ".local/state"),
  XDG_CACHE_HOME: path.join(HOME, ".cache"),
};

function killCodeServer() {
  if (!codeServer) return;
  // code-server runs in its own process group with VS Code's server, the extension
  // host and laurel-lsp; end them all (even if code-server itself has exited).
  try { process.kill(-codeServer.pid, "SIGTERM"); } catch { /* already gone */ }
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    try { process.kill(-codeServer.pid, 0); } catch { return; }
    spawnSync("sleep", ["0.1"]);
  }
  try { process.kill(-codeServer.pid, "SIGKILL"); } catch { /* gone */ }
}

async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  if (browser) {
    // Playwright also kills the browser when this process exits.
    await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
  }
  killCodeServer();
}
process.on("exit", killCodeServer);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, async () => {
    record(false, `run: interrupted by ${sig}`);
    stopped = true;
    killCodeServer();
    await Promise.race([cleanup(), sleep(3000)]);
    process.exit(130);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- helpers ----------------------------------------------------------------------
async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (codeServer.exitCode !== null) throw new Error(`code-server exited with ${codeServer.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch { /* not up yet */ }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

async function screenshot(name) {
  const file = path.join(args.screenshots, name);
  await page.screenshot({ path: file, fullPage: true, timeout: 10_000 });
  info(`screenshot ${file}`);
  return file;
}

/** With --images: a picture of the given workbench parts only (their bounding box). */
async function picture(name, selectors, pad = 0) {
  if (!args.images) return;
  const boxes = [];
  for (const sel of selectors) {
    for (const el of await page.locator(sel).all()) {
      const b = await el.boundingBox({ timeout: 2000 }).catch(() => null);
      if (b) boxes.push(b);
    }
  }
  if (!boxes.length) return;
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const clip = {
    x,
    y,
    width: Math.max(...boxes.map((b) => b.x + b.width)) - x,
    height: Math.max(...boxes.map((b) => b.y + b.height)) - y + pad,
  };
  const file = path.join(args.images, name);
  await page.screenshot({ path: file, clip, timeout: 10_000 }).catch(() => {});
  info(`picture ${file}`);
}

let stopped = false;
function record(ok, what, detail = "") {
  if (stopped) return;
  results.push({ ok, what });
  console.log(`${ok ? "PASS" : "FAIL"} ${what}${detail ? ` — ${detail}` : ""}`);
}

/** Runs one check; an exception counts as its failure (with a screenshot). */
async function check(name, fn) {
  if (stopped) return;
  try {
    await fn();
  } catch (e) {
    if (stopped) return;
    record(false, name, String(e && e.message ? e.message : e).split("\n")[0]);
    await screenshot(`fail-${name.replace(/[^a-z0-9]+/gi, "-")}.png`).catch(() => {});
  }
}

/** The 1-based number of the first line of `text` matching `re` (after `from`). */
function lineOf(text, re, from = 0) {
  const lines = text.split("\n");
  for (let i = from; i < lines.length; i++) if (re.test(lines[i])) return i + 1;
  throw new Error(`no line matches ${re}`);
}

async function quickInput(prefixKeys, text, rowPredicateText, timeoutMs = 15_000) {
  await page.keyboard.press(prefixKeys);
  const input = page.locator(".quick-input-widget .quick-input-box input");
  await input.waitFor({ state: "visible", timeout: 5000 });
  await page.keyboard.type(text, { delay: 5 });
  if (rowPredicateText) {
    await page
      .locator(".quick-input-widget .quick-input-list .monaco-list-row", { hasText: rowPredicateText })
      .first()
      .waitFor({ state: "visible", timeout: timeoutMs });
  }
  await page.keyboard.press("Enter");
  await input.waitFor({ state: "hidden", timeout: 5000 });
}

async function runCommand(title) {
  await quickInput("F1", title, title);
}

async function goToLine(n) {
  // Ctrl+G opens "Go to Line"; the cursor lands on column 1 of line n.
  await page.keyboard.press("Control+G");
  const input = page.locator(".quick-input-widget .quick-input-box input");
  await input.waitFor({ state: "visible", timeout: 5000 });
  await page.keyboard.type(String(n));
  await page.keyboard.press("Enter");
  await input.waitFor({ state: "hidden", timeout: 5000 });
  await page.waitForFunction(
    (n) => [...document.querySelectorAll(".statusbar-item")].some((e) => e.textContent.includes(`Ln ${n},`)),
    n,
    { timeout: 5000 },
  );
}

/** Waits (bounded) until some rendered editor line contains `text`. */
async function waitForLineText(text, timeout = 3000) {
  await page
    .waitForFunction(
      (text) => [...document.querySelectorAll(".editor-instance .view-lines .view-line")].some((l) => l.textContent.replace(/\u00a0/g, " ").includes(text)),
      text,
      { timeout },
    )
    .catch(() => {});
}

/** The text of the rendered editor line that starts with `prefix` (after indentation). */
async function viewLine(prefix) {
  return page.evaluate((prefix) => {
    const norm = (s) => s.replace(/\u00a0/g, " ");
    for (const line of document.querySelectorAll(".editor-instance .view-lines .view-line")) {
      const text = norm(line.textContent);
      if (text.trimStart().startsWith(prefix)) {
        const spans = [...line.querySelectorAll("span > span")].map((s) => ({
          text: norm(s.textContent),
          cls: [...s.classList].find((c) => /^mtk\d+$/.test(c)) || "",
          color: getComputedStyle(s).color,
        }));
        return { text, spans };
      }
    }
    return null;
  }, prefix);
}

/** The screen box of `word` inside the rendered editor line containing `lineText`. */
async function textBox(lineText, word) {
  return page.evaluate(
    ({ lineText, word }) => {
      const norm = (x) => x.replace(/\u00a0/g, " ");
      for (const line of document.querySelectorAll(".editor-instance .view-lines .view-line")) {
        const text = norm(line.textContent);
        const at = text.indexOf(lineText);
        if (at < 0) continue;
        const start = at + lineText.indexOf(word);
        const end = start + word.length;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let pos = 0;
        let started = false;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const len = n.textContent.length;
          if (!started && start < pos + len) { range.setStart(n, start - pos); started = true; }
          if (started && end <= pos + len) {
            range.setEnd(n, end - pos);
            const r = range.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          }
          pos += len;
        }
      }
      return null;
    },
    { lineText, word },
  );
}

/** The texts of the notification toasts now on screen. */
async function notifications() {
  if (!page) return [];
  const texts = await page.locator(".notifications-toasts .notification-toast").allInnerTexts().catch(() => []);
  return texts.map((t) => t.replace(/\s+/g, " ").trim()).filter(Boolean);
}

function findFiles(dir, re, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) findFiles(p, re, out);
    else if (re.test(p)) out.push(p);
  }
  return out;
}

function tail(file, n) {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-n).join("\n");
  } catch (e) {
    return `(cannot read ${file}: ${e.message})`;
  }
}

function printLogs() {
  console.log(`\n--- last lines of code-server's log (${CS_LOG}) ---`);
  console.log(tail(CS_LOG, 40));
  const logs = findFiles(path.join(USER_DATA, "logs"), /(remoteagent|remoteexthost|exthost)\.log$|Laurel[^/]*\.log$/);
  for (const f of logs) {
    console.log(`\n--- last lines of ${path.relative(USER_DATA, f)} ---`);
    console.log(tail(f, 40));
  }
  if (!logs.length) console.log("\n(no extension host or Laurel log found under the user-data dir)");
}

// --- the run -------------------------------------------------------------------------
async function main() {
  info(`temporary folder ${TMP}`);
  fs.cpSync(args.project, PROJECT, { recursive: true });
  const coursesText = fs.readFileSync(path.join(PROJECT, "courses.laurel"), "utf8");
  // A credential whose awarding process has no awarding body, for "Validate credential file".
  const brokenText = fs.readFileSync(path.join(HERE, "../../../../compiler/tests/diagnostics/L0603-shape-violation.jsonld"), "utf8");
  fs.writeFileSync(path.join(PROJECT, "broken-credential.jsonld"), brokenText);

  fs.mkdirSync(path.join(USER_DATA, "User"), { recursive: true });
  fs.mkdirSync(EXTENSIONS, { recursive: true });
  fs.mkdirSync(HOME, { recursive: true });
  fs.writeFileSync(CS_CONFIG, "auth: none\n");
  const settings = {
    "security.workspace.trust.enabled": false,
    "workbench.startupEditor": "none",
    "workbench.welcomePage.walkthroughs.openOnInstall": false,
    "workbench.tips.enabled": false,
    "workbench.enableExperiments": false,
    "workbench.settings.enableNaturalLanguageSearch": false,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "update.showReleaseNotes": false,
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "extensions.ignoreRecommendations": true,
    "git.enabled": false,
    "git.openRepositoryInParentFolders": "never",
    "chat.commandCenter.enabled": false,
    "chat.disableAIFeatures": true,
    "workbench.colorTheme": "Default Dark Modern",
    "editor.minimap.enabled": false,
    "editor.stickyScroll.enabled": false,
    "editor.accessibilitySupport": "off",
    "files.autoSave": "off",
    "window.restoreWindows": "none",
    "laurel.trace.server": "messages",
  };
  fs.writeFileSync(path.join(USER_DATA, "User/settings.json"), JSON.stringify(settings, null, 2));

  // Install the extension.
  const install = spawnSync(
    process.execPath,
    [CODE_SERVER, "--config", CS_CONFIG, "--user-data-dir", USER_DATA, "--extensions-dir", EXTENSIONS, "--install-extension", args.vsix],
    { encoding: "utf8", timeout: 60_000, env: ENV },
  );
  const installOut = `${install.stdout}${install.stderr}`.trim();
  const installed = fs.readdirSync(EXTENSIONS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const ok = install.status === 0 && /successfully installed/i.test(installOut) && installed.some((d) => d.startsWith("laurel.laurel-"));
  record(ok, "install: code-server --install-extension", ok ? installed.join(", ") : installOut.split("\n").slice(-5).join(" | "));
  if (!ok) return;

  // Start code-server.
  const port = await freePort();
  const log = fs.openSync(CS_LOG, "w");
  codeServer = spawn(
    process.execPath,
    [
      CODE_SERVER,
      "--config", CS_CONFIG,
      "--auth", "none",
      "--bind-addr", `127.0.0.1:${port}`,
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      "--ignore-last-opened",
      "--user-data-dir", USER_DATA,
      "--extensions-dir", EXTENSIONS,
      PROJECT,
    ],
    { detached: true, stdio: ["ignore", log, log], env: ENV },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/healthz`, 30_000);
  info(`code-server ${codeServer.pid} listening on ${base}`);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    env: ENV,
    // Our own handlers above end code-server too.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${base}/?folder=${encodeURIComponent(PROJECT)}`, { timeout: 30_000 });
  await page.locator(".monaco-workbench").waitFor({ timeout: 30_000 });
  // The explorer lists the copied project's files once the folder is open.
  await page
    .locator(".explorer-folders-view .monaco-list-row", { hasText: "courses.laurel" })
    .waitFor({ timeout: 30_000 });
  info("workbench open with the project folder");
  await screenshot("0-workbench.png");

  // Open courses.laurel with Quick Open.
  await quickInput("Control+P", "courses.laurel", "courses.laurel", 20_000);
  await page.locator(".tab.active", { hasText: "courses.laurel" }).waitFor({ timeout: 10_000 });
  await page.locator(".editor-instance .view-line", { hasText: "template eduwave-mooc" }).waitFor({ timeout: 10_000 });
  const langStatus = await page
    .locator("#status\\.editor\\.mode")
    .textContent({ timeout: 10_000 })
    .catch(() => "?");
  record(/laurel/i.test(langStatus ?? ""), "open: courses.laurel opens in an editor in language mode Laurel", `status bar: ${langStatus?.trim()}`);

  // 1. Highlighting.
  await check("highlighting", async () => {
    const line = lineOf(coursesText, /^micro-credential /);
    const lineText = coursesText.split("\n")[line - 1].trimEnd();
    await goToLine(line);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    // Scroll (Ctrl+Down, the cursor stays) until the line is near the top, so that the
    // tall inspect widget below it fits on the screenshot. `lineTop` is the line's top in
    // the editor, -1 when it is not rendered (run in the page).
    const lineTop = (lineText) => {
      const editor = document.querySelector(".editor-instance .monaco-editor");
      const l = [...document.querySelectorAll(".editor-instance .view-lines .view-line")].find((e) => e.textContent.replace(/\u00a0/g, " ").startsWith(lineText));
      return l && editor ? l.getBoundingClientRect().top - editor.getBoundingClientRect().top : -1;
    };
    for (let i = 0; i < 40; i++) {
      const top = await page.evaluate(lineTop, lineText);
      if (top < 80) break;
      await page.keyboard.press("Control+ArrowDown");
      // Wait until the editor has drawn the scroll: on a busy machine, pressing again
      // before it has would scroll past the line.
      const deadline = Date.now() + 2000;
      while (Date.now() < deadline && (await page.evaluate(lineTop, lineText)) === top) await sleep(50);
    }
    await runCommand("Developer: Inspect Editor Tokens and Scopes");
    // The widget fills in once the grammar has tokenized the line; without a grammar
    // VS Code shows the notification "No TM Grammar registered for this language."
    const widget = page.locator(".token-inspect-widget");
    let text = "";
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      text = (await widget.count()) ? (await widget.first().innerText({ timeout: 1000 }).catch(() => "")).replace(/\s+/g, " ") : "";
      if (/textmate scopes/i.test(text) && text.includes(SCOPE)) break;
      if ((await notifications()).some((n) => /No TM Grammar/i.test(n))) break;
      await sleep(250);
    }
    await screenshot("1-highlighting.png");
    const scopes = (text.match(/textmate scopes (.*?)(?: foreground| background|$)/i) || [])[1];
    const notes = await notifications();
    record(
      text.includes(SCOPE),
      `highlighting: the inspect widget shows the TextMate scope ${SCOPE} on micro-credential`,
      scopes ? `textmate scopes: ${scopes.slice(0, 200)}` : text ? `widget: ${text.slice(0, 200)}` : `no inspect widget; notifications: ${notes.join(" | ") || "(none)"}`,
    );
    await page.keyboard.press("Escape");
    await widget.waitFor({ state: "hidden", timeout: 3000 }).catch(() => {});

    const vl = await viewLine(lineText);
    if (!vl) throw new Error(`line ${line} ("micro-credential …") is not rendered`);
    const kw = vl.spans.find((s) => s.text === "micro-credential");
    const colours = new Set(vl.spans.filter((s) => s.text.trim()).map((s) => s.color));
    const desc = vl.spans.filter((s) => s.text.trim()).map((s) => `${JSON.stringify(s.text)}:${s.cls}`).join(" ");
    record(
      !!kw && kw.cls !== "mtk1" && colours.size > 1,
      "highlighting: `micro-credential` is its own token, coloured unlike plain text (mtk1), the line has several colours",
      `${kw ? `keyword ${kw.cls} ${kw.color}; ` : "no token is exactly `micro-credential`; "}tokens ${desc}`,
    );
  });

  // 2. ESCO completion inside an outcome block of a micro-credential.
  await check("completion", async () => {
    const mc = lineOf(coursesText, /^micro-credential /);
    const outcome = lineOf(coursesText, /^\s+outcome ".*\{\s*$/, mc - 1);
    await goToLine(outcome);
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.type('skill esco "manage fin', { delay: 30 });
    const widget = page.locator(".editor-widget.suggest-widget.visible");
    const row = widget.locator(".monaco-list-row", { hasText: ESCO_SKILL });
    // Quick suggestions usually open the widget by themselves; if not, or if it stays
    // without the skill, ask with Ctrl+Space (pressed only while the widget is closed:
    // on an open widget it toggles the details pane).
    const deadline = Date.now() + 25_000;
    let triggered = 0;
    let openSince = 0;
    await sleep(1500);
    while (Date.now() < deadline) {
      if (await row.first().isVisible().catch(() => false)) break;
      if (!(await widget.isVisible().catch(() => false))) {
        await page.keyboard.press("Control+Space");
        triggered++;
        openSince = Date.now();
      } else if (openSince && Date.now() - openSince > 6000) {
        await page.keyboard.press("Escape");
        openSince = 0;
      } else if (!openSince) {
        openSince = Date.now();
      }
      await sleep(500);
    }
    const shown = await widget
      .locator(".monaco-list-row")
      .allInnerTexts()
      .catch(() => []);
    const found = await row.first().isVisible().catch(() => false);
    if (found) {
      // Select it (arrow keys) and show its details, for the screenshot.
      for (let i = 0; i < 12; i++) {
        const focused = await widget.locator(".monaco-list-row.focused").first().innerText({ timeout: 1000 }).catch(() => "");
        if (focused.includes(ESCO_SKILL)) break;
        await page.keyboard.press("ArrowDown");
        await sleep(100);
      }
      if (!(await page.locator(".suggest-details-container .suggest-details").isVisible().catch(() => false))) {
        await page.keyboard.press("Control+Space");
        await sleep(500);
      }
    }
    await screenshot("2-completion.png");
    if (found) await picture("completion.png", [".part.editor"]);
    record(
      found,
      `completion: the suggest widget lists the ESCO skill "${ESCO_SKILL}"`,
      `${triggered ? `Ctrl+Space pressed ${triggered}×; ` : "opened by itself; "}rows: ${shown.map((s) => s.replace(/\s+/g, " ").trim()).slice(0, 6).join(" | ") || "(none)"}`,
    );
    if (!found) return;
    // Accept it, and check what was inserted.
    const focused = await widget.locator(".monaco-list-row.focused").first().innerText({ timeout: 1000 }).catch(() => "");
    if (focused.includes(ESCO_SKILL)) await page.keyboard.press("Enter");
    else await row.first().click();
    await widget.waitFor({ state: "hidden", timeout: 5000 }).catch(() => {});
    await waitForLineText(`skill esco "${ESCO_SKILL}"`);
    const inserted = await viewLine("skill esco \"manage f");
    record(
      !!inserted && inserted.text.includes(`skill esco "${ESCO_SKILL}"`),
      "completion: accepting it writes the full skill label into the string",
      inserted ? inserted.text.trim() : "(line not found)",
    );
  });

  // 3. A diagnostic from the server.
  await check("diagnostic", async () => {
    const line = lineOf(coursesText, /^\s+mode online\s*$/);
    // The completion step may have added a line above (after the outcome line).
    const outcome = lineOf(coursesText, /^\s+outcome ".*\{\s*$/, lineOf(coursesText, /^micro-credential /) - 1);
    const added = results.some((r) => r.ok && r.what.startsWith("completion: accepting"));
    const shift = added && line > outcome ? 1 : 0;
    await goToLine(line + shift);
    await page.keyboard.press("End");
    for (let i = 0; i < "ine".length; i++) await page.keyboard.press("ArrowLeft");
    await page.keyboard.type("l");
    await waitForLineText("mode onlline");
    const vl = await viewLine("mode onl");
    if (!vl || !vl.text.includes("mode onlline")) throw new Error(`the edit did not give "mode onlline": ${vl?.text}`);
    await page.keyboard.press("Control+Shift+M");
    const markers = page.locator(".markers-panel");
    await markers.waitFor({ state: "visible", timeout: 10_000 });
    const row = markers.locator(".monaco-list-row", { hasText: "is not a mode of learning and assessment" });
    await row.first().waitFor({ state: "visible", timeout: 20_000 }).catch(() => {});
    const rows = (await markers.locator(".monaco-list-row").allInnerTexts().catch(() => [])).map((s) => s.replace(/\s+/g, " ").trim());
    const hit = rows.find((r) => DIAGNOSTIC.test(r));
    // The red squiggle must lie under `onlline` on that line.
    await page.locator(".editor-instance .squiggly-error").first().waitFor({ timeout: 5000 }).catch(() => {});
    const wb = await textBox("mode onlline", "onlline");
    const squiggles = [];
    for (const sq of await page.locator(".editor-instance .squiggly-error").all()) {
      const b = await sq.boundingBox({ timeout: 1000 }).catch(() => null);
      if (b) squiggles.push(b);
    }
    const under = wb && squiggles.find((b) => b.x < wb.x + wb.width && b.x + b.width > wb.x && Math.abs(b.y + b.height / 2 - (wb.y + wb.height / 2)) < wb.height);
    await screenshot("3-diagnostic.png");
    record(!!hit, "diagnostic: the Problems panel shows \"`onlline` is not a mode of learning and assessment\"", hit || `rows: ${rows.slice(0, 5).join(" | ") || "(none)"}`);
    record(!!hit && /L0030/.test(hit), "diagnostic: the problem carries the code L0030", hit || "(no row)");
    record(!!under, "diagnostic: a red squiggle (.squiggly-error) lies under `onlline` in the editor", `${squiggles.length} squiggle(s) in view${wb ? "" : "; `mode onlline` is not rendered"}`);
    // Hovering the word shows the same message.
    if (wb) {
      await page.keyboard.press("Control+1"); // focus back to the editor
      // Come from elsewhere, so that the editor sees the pointer arrive on the word.
      await page.mouse.move(wb.x + wb.width / 2, wb.y + wb.height * 4);
      await page.mouse.move(wb.x + wb.width / 2, wb.y + wb.height / 2, { steps: 5 });
      const hover = page.locator(".monaco-hover", { hasText: "is not a mode of learning and assessment" });
      const visible = () => hover.first().waitFor({ state: "visible", timeout: 6000 }).then(() => true, () => false);
      let shown = await visible();
      if (!shown) {
        // A slow machine can miss the pointer's hover: ask for it from the keyboard,
        // with the cursor on the word (Show or Focus Hover).
        await page.mouse.click(wb.x + wb.width / 2, wb.y + wb.height / 2);
        await page.keyboard.press("Control+K");
        await page.keyboard.press("Control+I");
        shown = await visible();
      }
      const htext = shown ? (await hover.first().innerText()).replace(/\s+/g, " ").replace(/View Problem.*$/, "").trim() : "";
      await screenshot("4-hover.png");
      if (shown && hit) await picture("diagnostic.png", [".part.editor", ".part.panel .composite.title", ".markers-panel .monaco-list-row"], 12);
      record(DIAGNOSTIC.test(htext), "diagnostic: hovering `onlline` shows the message", htext.slice(0, 160) || "(no hover with the message)");
    }
  });

  // 4. The commands: "Show compiled credential" on an award, then "Build project".
  let shownLines = [];
  await check("show compiled", async () => {
    // Undo the edits above: the project must compile again.
    await page.keyboard.press("Control+1");
    await runCommand("File: Revert File");
    await page.locator(".tab.active.dirty").waitFor({ state: "detached", timeout: 10_000 }).catch(() => {});
    await quickInput("Control+P", "awards.laurel", "awards.laurel", 20_000);
    await page.locator(".tab.active", { hasText: "awards.laurel" }).waitFor({ timeout: 10_000 });
    const awardsText = fs.readFileSync(path.join(PROJECT, "awards.laurel"), "utf8");
    const award = lineOf(awardsText, /^award /);
    const key = /student-id "([^"]+)"/.exec(awardsText.split("\n").slice(award).join("\n"))[1];
    await page.locator(".editor-instance .view-line", { hasText: "given-name" }).first().waitFor({ timeout: 10_000 });
    await goToLine(award + 2);
    await runCommand("Laurel: Show compiled credential");
    const tab = page.locator(".tab", { hasText: `${key}.jsonld` });
    const opened = await tab.first().waitFor({ timeout: 15_000 }).then(() => true, () => false);
    const group = page.locator(".editor-group-container", { has: page.locator(".tab.active", { hasText: `${key}.jsonld` }) });
    if (opened) {
      await group.locator(".view-line", { hasText: "urn:credential:" }).first().waitFor({ timeout: 10_000 }).catch(() => {});
    }
    shownLines = opened
      ? await group.first().evaluate((g) =>
          [...g.querySelectorAll(".view-line")]
            .map((l) => ({ top: parseFloat(l.style.top) || 0, text: l.textContent.replace(/\u00a0/g, " ") }))
            .sort((a, b) => a.top - b.top)
            .map((l) => l.text),
        )
      : [];
    await screenshot("5-compiled.png");
    if (opened) await picture("compiled.png", [".part.editor"]);
    const shown = shownLines.join("\n");
    record(
      opened && shown.includes('"@context"') && shown.includes("urn:credential:") && shown.includes("EuropeanDigitalCredential"),
      `commands: "Laurel: Show compiled credential" on an award opens ${key}.jsonld beside it, with the credential`,
      opened ? `${shownLines.length} lines shown, first: ${shownLines.slice(0, 3).join(" ").replace(/\s+/g, " ")}` : `no ${key}.jsonld tab; notifications: ${(await notifications()).join(" | ") || "(none)"}`,
    );
  });

  await check("build", async () => {
    await page.keyboard.press("Control+1");
    await runCommand("Laurel: Build project");
    const toast = page.locator(".notifications-toasts .notification-toast", { hasText: "Laurel: wrote" });
    await toast.first().waitFor({ timeout: 20_000 }).catch(() => {});
    const notes = await notifications();
    const note = notes.find((n) => /Laurel: wrote \d+ specification\(s\) and \d+ credential\(s\)/.test(n));
    await screenshot("6-build.png");
    const written = findFiles(path.join(PROJECT, "out"), /\.jsonld$/);
    const [, specs, creds] = note ? /wrote (\d+) specification\(s\) and (\d+) credential\(s\)/.exec(note) : [];
    record(
      !!note && written.length > 0 && Number(specs) + Number(creds) === written.length,
      'commands: "Laurel: Build project" writes the project\'s JSON-LD files and says how many',
      note ? `the notification says ${specs} specification(s) and ${creds} credential(s); ${written.length} .jsonld files in out/` : `notifications: ${notes.join(" | ") || "(none)"}`,
    );
    // What "Show compiled credential" showed is what the build wrote.
    const built = written.find((f) => shownLines.length && f.endsWith(".jsonld") && fs.readFileSync(f, "utf8").startsWith(shownLines.slice(0, 6).join("\n")));
    record(
      !!built,
      "commands: the compiled credential shown begins like the file the build wrote (which adds the page images at its end)",
      built ? path.relative(PROJECT, built) : `no built file starts with the ${shownLines.length} lines shown`,
    );
  });

  await check("validate credential", async () => {
    await page.keyboard.press("Control+1");
    await quickInput("Control+P", "broken-credential.jsonld", "broken-credential.jsonld", 20_000);
    await page.locator(".tab.active", { hasText: "broken-credential.jsonld" }).waitFor({ timeout: 10_000 });
    await page.locator(".editor-instance .view-line", { hasText: "@context" }).first().waitFor({ timeout: 10_000 });
    await runCommand("Laurel: Validate credential file");
    const toast = page.locator(".notifications-toasts .notification-toast", { hasText: "broken-credential.jsonld does not conform" });
    await toast.first().waitFor({ timeout: 30_000 }).catch(() => {});
    const notes = await notifications();
    const note = notes.find((n) => /Laurel: broken-credential\.jsonld does not conform .*\(\d+ problems in Problems\)/.test(n));
    record(!!note, 'commands: "Laurel: Validate credential file" says the broken credential does not conform', note || `notifications: ${notes.join(" | ") || "(none)"}`);
    await page.keyboard.press("Control+Shift+M");
    const markers = page.locator(".markers-panel");
    await markers.waitFor({ state: "visible", timeout: 10_000 });
    await markers.locator(".monaco-list-row", { hasText: "awarding body" }).first().waitFor({ state: "visible", timeout: 15_000 }).catch(() => {});
    const rows = (await markers.locator(".monaco-list-row").allInnerTexts().catch(() => [])).map((r) => r.replace(/\s+/g, " ").trim());
    const line = lineOf(brokenText, /"id": "urn:epass:awardingProcess:1"/);
    const hit = rows.find((r) => /needs an awarding body/.test(r) && /L0603/.test(r));
    await screenshot("7-validate.png");
    record(!!hit, "commands: the Problems panel shows the shape violation L0603 of the credential", hit || `rows: ${rows.slice(0, 6).join(" | ") || "(none)"}`);
    record(!!hit && hit.includes(`[Ln ${line},`), `commands: the violation is at line ${line} of the JSON, the awarding process's id`, hit || "(no row)");
  });
}

let timer;
const timeout = new Promise((resolve) => {
  timer = setTimeout(() => resolve("timeout"), RUN_TIMEOUT_MS - 15_000);
});
// A hard stop in case even the clean-up below hangs.
setTimeout(() => {
  console.log(`FAIL run: clean-up did not finish; exiting`);
  killCodeServer();
  process.exit(3);
}, RUN_TIMEOUT_MS).unref();

let outcome;
try {
  outcome = await Promise.race([main().then(() => "done"), timeout]);
} catch (e) {
  record(false, "run", String(e && e.stack ? e.stack : e).split("\n").slice(0, 3).join(" "));
  if (page) await screenshot("fail-run.png").catch(() => {});
}
clearTimeout(timer);
if (outcome === "timeout") {
  record(false, `run: the checks did not finish within ${(RUN_TIMEOUT_MS - 15_000) / 1000}s`);
  stopped = true; // results of the abandoned steps no longer count
  if (page) await screenshot("fail-timeout.png").catch(() => {});
}
stopped = true;
if (results.some((r) => !r.ok)) {
  const notes = await Promise.race([notifications(), sleep(3000).then(() => [])]);
  if (notes.length) console.log(`\n--- notifications on screen ---\n${notes.join("\n")}`);
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
const exitCode = failed || !results.length ? 1 : 0;
if (exitCode) {
  printLogs();
  console.log(`\nkept ${TMP} for inspection`);
}
await cleanup();
if (!exitCode) fs.rmSync(TMP, { recursive: true, force: true });
console.log(`\ne2e: ${passed} passed, ${failed} failed (${elapsed()})`);
process.exit(exitCode);
