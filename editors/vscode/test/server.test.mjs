// How the extension finds laurel-lsp (src/server.ts, bundled to out/server.js by
// `npm run build`): the setting, else the bundled binary, else PATH.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { findServer, isFound, serverFileName } = require("../out/server.js");

/** A temporary folder with `files` (relative path -> executable?). */
function folder(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-server-"));
  for (const [name, executable] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "#!/bin/sh\n");
    fs.chmodSync(file, executable ? 0o755 : 0o644);
  }
  return dir;
}

const none = folder({});

function env(overrides) {
  return {
    configured: "",
    extensionPath: none,
    platform: "linux",
    pathVariable: "",
    ...overrides,
  };
}

test("the setting wins over the bundled server and PATH", () => {
  const custom = folder({ "bin/my-lsp": true });
  const extension = folder({ "server/laurel-lsp": true });
  const onPath = folder({ "laurel-lsp": true });
  const found = findServer(
    env({ configured: path.join(custom, "bin/my-lsp"), extensionPath: extension, pathVariable: onPath }),
  );
  assert.deepEqual(found, { command: path.join(custom, "bin/my-lsp"), source: "setting" });
});

test("a relative setting is read from the workspace folder", () => {
  const workspace = folder({ "tools/laurel-lsp": true });
  const found = findServer(env({ configured: "tools/laurel-lsp", workspaceFolder: workspace }));
  assert.deepEqual(found, { command: path.join(workspace, "tools/laurel-lsp"), source: "setting" });
});

test("a wrong setting is reported, not silently replaced", () => {
  const extension = folder({ "server/laurel-lsp": true });
  const found = findServer(env({ configured: "/nowhere/laurel-lsp", extensionPath: extension }));
  assert.equal(isFound(found), false);
  assert.equal(found.settingIsWrong, true);
  assert.match(found.message, /laurel\.server\.path/);
  assert.match(found.message, /\/nowhere\/laurel-lsp/);
});

test("the bundled server comes before PATH", () => {
  const extension = folder({ "server/laurel-lsp": true });
  const onPath = folder({ "laurel-lsp": true });
  const found = findServer(env({ extensionPath: extension, pathVariable: onPath }));
  assert.deepEqual(found, { command: path.join(extension, "server/laurel-lsp"), source: "bundled" });
});

test("PATH is searched in order, skipping files that cannot run", () => {
  const notExecutable = folder({ "laurel-lsp": false });
  const first = folder({ "laurel-lsp": true });
  const second = folder({ "laurel-lsp": true });
  const found = findServer(env({ pathVariable: ["", notExecutable, first, second].join(":") }));
  assert.deepEqual(found, { command: path.join(first, "laurel-lsp"), source: "path" });
});

test("with no server anywhere the message says how to get one", () => {
  const found = findServer(env({ pathVariable: none }));
  assert.equal(isFound(found), false);
  assert.equal(found.settingIsWrong, false);
  assert.match(found.message, /laurel-lsp/);
  assert.match(found.message, /laurel\.server\.path/);
  assert.match(found.message, /cargo install --path lsp/);
});

test("Windows looks for laurel-lsp.exe on a ;-separated PATH", () => {
  assert.equal(serverFileName("win32"), "laurel-lsp.exe");
  assert.equal(serverFileName("darwin"), "laurel-lsp");
  const a = folder({});
  const b = folder({ "laurel-lsp.exe": true });
  const found = findServer(env({ platform: "win32", pathVariable: `${a};${b}` }));
  assert.deepEqual(found, { command: path.join(b, "laurel-lsp.exe"), source: "path" });
});
