// “Laurel: Validate credential file”: its contribution in package.json, and the request
// src/credential.ts builds (bundled to out/credential.js by `npm run build`) sent to a
// real laurel-lsp (LAUREL_LSP, else <repo>/target/debug/laurel-lsp), whose diagnostics
// and answer it reads.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const rpc = require("vscode-jsonrpc/node");
const { isCredentialFile, validationMessage, validationParams, VALIDATE_REQUEST } = require("../out/credential.js");

const here = path.dirname(fileURLToPath(import.meta.url));
const extension = path.resolve(here, "..");
const repo = path.resolve(extension, "../..");
const manifest = JSON.parse(fs.readFileSync(path.join(extension, "package.json"), "utf8"));
const COMMAND = "laurel.validateCredential";

let server;

/**
 * Starts laurel-lsp once: { connection, capabilities, validate(uri, text) }, the last
 * answering the server's answer and the diagnostics it published on `uri` (which may
 * reach the client after the answer).
 */
async function languageServer() {
  if (server) return server;
  const command = process.env.LAUREL_LSP || path.join(repo, "target/debug/laurel-lsp");
  assert.ok(fs.existsSync(command), `laurel-lsp not found at ${command}: cargo build -p laurel-lsp, or set LAUREL_LSP`);
  const child = spawn(command, [], { stdio: ["pipe", "pipe", "pipe"] });
  child.stderr.resume();
  const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(child.stdout),
    new rpc.StreamMessageWriter(child.stdin),
  );
  const waiting = new Map();
  connection.onNotification("textDocument/publishDiagnostics", (params) => {
    waiting.get(params.uri)?.(params.diagnostics);
    waiting.delete(params.uri);
  });
  const validate = async (uri, text) => {
    const published = new Promise((resolve, reject) => {
      waiting.set(uri, resolve);
      setTimeout(() => reject(new Error(`no diagnostics published on ${uri}`)), 20000).unref();
    });
    const answer = await connection.sendRequest(VALIDATE_REQUEST, validationParams(uri, text));
    return { answer, diagnostics: await published };
  };
  connection.listen();
  const init = await connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
  await connection.sendNotification("initialized", {});
  server = { child, connection, capabilities: init.capabilities, validate };
  return server;
}

after(async () => {
  if (!server) return;
  const { child, connection } = server;
  try {
    await Promise.race([connection.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 2000))]);
    await connection.sendNotification("exit");
  } catch {
    // the server is gone already
  }
  connection.dispose();
  if (child.exitCode === null) child.kill();
});

test("the command is contributed for .json and .jsonld editors, and activates the extension", () => {
  const contributed = manifest.contributes.commands.find((c) => c.command === COMMAND);
  assert.ok(contributed, `package.json contributes no ${COMMAND}`);
  assert.equal(contributed.category, "Laurel");
  assert.equal(contributed.title, "Validate credential file");
  for (const menu of ["commandPalette", "editor/context", "editor/title"]) {
    const entry = manifest.contributes.menus[menu]?.find((m) => m.command === COMMAND);
    assert.ok(entry, `${COMMAND} is not in the ${menu} menu`);
    assert.match(entry.when, /resourceExtname == \.json\b/);
    assert.match(entry.when, /resourceExtname == \.jsonld\b/);
  }
  // Since VS Code 1.74 a contributed command is an activation event of its own: running
  // it with only a JSON file open starts the extension, and with it the client.
  const [major, minor] = /(\d+)\.(\d+)/.exec(manifest.engines.vscode).slice(1).map(Number);
  assert.ok(major > 1 || minor >= 74, `engines.vscode ${manifest.engines.vscode} needs onCommand:${COMMAND}`);
  const source = fs.readFileSync(path.join(extension, "src/extension.ts"), "utf8");
  assert.match(source, new RegExp(`registerCommand\\("${COMMAND.replace(".", "\\.")}"`));
  assert.ok(isCredentialFile("/a/b.jsonld") && isCredentialFile("/a/B.JSON"));
  assert.ok(!isCredentialFile("/a/b.laurel") && !isCredentialFile("/a/jsonld"));
});

test("no server command takes an id of the extension's commands", async () => {
  const { capabilities } = await languageServer();
  const serverCommands = capabilities.executeCommandProvider?.commands ?? [];
  assert.ok(serverCommands.length > 0, "the server offers no executeCommand command");
  // vscode-languageclient registers these ids as VS Code commands: one taken twice fails.
  const ours = manifest.contributes.commands.map((c) => c.command);
  for (const id of serverCommands) {
    assert.ok(!ours.includes(id), `the server's command ${id} is also the extension's`);
  }
});

/** A folder with the files of the tests. */
const work = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-validate-"));
after(() => fs.rmSync(work, { recursive: true, force: true }));

test("a broken credential's problems are published on its URI and the message counts them", async () => {
  const { validate } = await languageServer();
  const text = fs.readFileSync(path.join(repo, "compiler/tests/diagnostics/L0603-shape-violation.jsonld"), "utf8");
  // Unsaved: nothing on disk, the editor's text is what counts.
  const uri = pathToFileURL(path.join(work, "broken.jsonld")).href;
  const { answer, diagnostics } = await validate(uri, text);
  const violation = diagnostics.find((d) => d.code === "L0603");
  assert.ok(violation, JSON.stringify(diagnostics));
  const line = text.split("\n").findIndex((l) => l.includes('"id": "urn:epass:awardingProcess:1"'));
  assert.equal(violation.range.start.line, line);
  assert.equal(answer.conforms, false);
  assert.equal(answer.source, "editor");
  assert.equal(answer.errors + answer.warnings, diagnostics.length);
  const { ok, text: message } = validationMessage("broken.jsonld", answer);
  assert.equal(ok, false);
  assert.match(message, /^Laurel: broken\.jsonld does not conform/);
  assert.match(message, new RegExp(`\\(${diagnostics.length} problems in Problems\\)$`));
});

test("a conforming credential says so, and replaces the earlier problems", async () => {
  const { validate } = await languageServer();
  const text = fs.readFileSync(path.join(repo, "tests/data/seal/elm-v3_Sample-MC-Annex1-signed.jsonld"), "utf8");
  const uri = pathToFileURL(path.join(work, "broken.jsonld")).href;
  const { answer, diagnostics } = await validate(uri, text);
  assert.equal(answer.conforms, true, JSON.stringify(answer));
  assert.equal(answer.form, "sealed");
  assert.ok(!diagnostics.some((d) => d.code === "L0603"), "the earlier violation is still shown");
  const { ok, text: message } = validationMessage("sealed.jsonld", answer);
  assert.equal(ok, true);
  assert.match(message, /^Laurel: sealed\.jsonld conforms to the EDC shapes 1\.1\.0 and 1\.2\.0/);
});

test("a file that is not a credential is said to be unreadable", () => {
  const { ok, text } = validationMessage("x.json", {
    readable: false,
    conforms: false,
    errors: 1,
    warnings: 0,
    message: "this is not a credential Laurel can read: the file is not JSON",
  });
  assert.equal(ok, false);
  assert.equal(text, "Laurel: x.json could not be checked: this is not a credential Laurel can read: the file is not JSON");
});
