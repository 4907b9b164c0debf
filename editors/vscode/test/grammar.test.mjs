// The TextMate grammar (syntaxes/laurel.tmLanguage.json, generated from the compiler's
// field schema by compiler/tests/textmate.rs) against the compiler itself, over every
// file of examples/*/ and the fixture test/grammar/every-construct.laurel:
//
// * every semantic token of the language server lies on text that the grammar scopes
//   the same way (a field name is a property, a vocabulary word a vocabulary constant ...);
// * no part of an example is scoped `invalid`;
// * the scopes of every example match the snapshots in test/grammar/snapshots/
//   (rewrite them with LAUREL_BLESS=1 after checking the change).
//
// The server is `laurel-lsp` from LAUREL_LSP, else <repo>/target/debug/laurel-lsp
// (`cargo build -p laurel-lsp`).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");
const rpc = require("vscode-jsonrpc/node");

const here = path.dirname(fileURLToPath(import.meta.url));
const extension = path.resolve(here, "..");
const repo = path.resolve(extension, "../..");
const grammarPath = path.join(extension, "syntaxes/laurel.tmLanguage.json");
const fixture = path.join(here, "grammar/every-construct.laurel");
const snapshotDir = path.join(here, "grammar/snapshots");
const bless = Boolean(process.env.LAUREL_BLESS);

/** The TextMate scope (up to a `.`) that each semantic token type must carry. */
function expectedScopes(type, modifiers) {
  switch (type) {
    case "keyword": // item keywords, `from`, `esco`, `to`, `country`, units
      return ["keyword"];
    case "property":
      return ["variable.other.property"];
    case "namespace": // organisations
    case "class": // micro-credentials
    case "struct": // qualifications
    case "interface": // templates
    case "enum": // outcomes
      return [modifiers.includes("declaration") ? "entity.name.type.definition" : "entity.name.type.reference"];
    case "enumMember":
      return ["constant.language.vocabulary"];
    case "string": // an ESCO skill: its label, or its IRI
      return ["string.quoted.double.esco", "markup.underline.link"];
    default:
      return null;
  }
}

// ---- files ------------------------------------------------------------------------

/** `.laurel` files below `dir`, sorted. */
function laurelFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return laurelFiles(p);
      return e.name.endsWith(".laurel") ? [p] : [];
    })
    .sort();
}

/** Every example file: { path, name: "<example>/<file>", text }. */
const examples = fs
  .readdirSync(path.join(repo, "examples"), { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(repo, "examples", e.name, "Laurel.toml")))
  .map((e) => e.name)
  .sort()
  .flatMap((example) => {
    const dir = path.join(repo, "examples", example);
    return laurelFiles(dir).map((p) => ({
      path: p,
      name: `${example}/${path.relative(dir, p).split(path.sep).join("/")}`,
      text: fs.readFileSync(p, "utf8"),
    }));
  });

const fixtureFile = { path: fixture, name: "every-construct.laurel", text: fs.readFileSync(fixture, "utf8") };

/** Lines as the language server counts them. */
function lines(text) {
  return text.split(/\r\n|\r|\n/);
}

// ---- TextMate ---------------------------------------------------------------------

let grammarPromise;

/** The grammar, loaded once with vscode-textmate and the Oniguruma WebAssembly. */
function grammar() {
  grammarPromise ??= (async () => {
    const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) =>
        scopeName === "source.laurel"
          ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath)
          : null,
    });
    const loaded = await registry.loadGrammar("source.laurel");
    assert.ok(loaded, `cannot load ${grammarPath}`);
    return loaded;
  })();
  return grammarPromise;
}

const tokenized = new Map();

/** TextMate tokens per line: [{ start, end, scopes }], within the line. */
async function textmateTokens(file) {
  if (!tokenized.has(file.path)) {
    const g = await grammar();
    let stack = vsctm.INITIAL;
    const out = lines(file.text).map((line) => {
      const result = g.tokenizeLine(line, stack);
      stack = result.ruleStack;
      return result.tokens
        .map((t) => ({ start: t.startIndex, end: Math.min(t.endIndex, line.length), scopes: t.scopes }))
        .filter((t) => t.start < t.end);
    });
    tokenized.set(file.path, out);
  }
  return tokenized.get(file.path);
}

// ---- the language server ----------------------------------------------------------

let server;

/** Starts laurel-lsp once: { connection, legend }. */
async function languageServer() {
  if (server) return server;
  const command = process.env.LAUREL_LSP || path.join(repo, "target/debug/laurel-lsp");
  if (!fs.existsSync(command)) {
    assert.fail(
      `laurel-lsp not found at ${command}: build it with \`cargo build -p laurel-lsp\` ` +
        "(from the repository root), or set LAUREL_LSP to the program",
    );
  }
  const child = spawn(command, [], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const exited = new Promise((_, reject) =>
    child.on("exit", (code, signal) =>
      reject(new Error(`laurel-lsp exited (${signal ?? code}) before answering:\n${stderr}`)),
    ),
  );
  exited.catch(() => {});
  const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(child.stdout),
    new rpc.StreamMessageWriter(child.stdin),
  );
  connection.listen();
  const request = (method, params) => Promise.race([connection.sendRequest(method, params), exited]);
  const init = await request("initialize", {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: {
      textDocument: {
        semanticTokens: {
          requests: { full: true },
          tokenTypes: [],
          tokenModifiers: [],
          formats: ["relative"],
        },
      },
    },
  });
  await connection.sendNotification("initialized", {});
  const legend = init.capabilities.semanticTokensProvider?.legend;
  assert.ok(legend, "laurel-lsp offers no semantic tokens");
  server = { child, connection, legend, request };
  return server;
}

after(async () => {
  if (!server) return;
  const { child, connection, request } = server;
  try {
    await Promise.race([request("shutdown"), new Promise((r) => setTimeout(r, 2000))]);
    await connection.sendNotification("exit");
  } catch {
    // the server is gone already
  }
  connection.dispose();
  if (child.exitCode === null) child.kill();
});

/** The server's semantic tokens of `file`: [{ line, start, end, type, modifiers }]. */
async function serverTokens(file) {
  const { connection, legend, request } = await languageServer();
  const uri = pathToFileURL(file.path).href;
  await connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "laurel", version: 1, text: file.text },
  });
  const result = await request("textDocument/semanticTokens/full", { textDocument: { uri } });
  await connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  const data = result?.data ?? [];
  const out = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, bits] = data.slice(i, i + 5);
    line += deltaLine;
    start = deltaLine === 0 ? start + deltaStart : deltaStart;
    out.push({
      line,
      start,
      end: start + length,
      type: legend.tokenTypes[type],
      modifiers: legend.tokenModifiers.filter((_, bit) => bits & (1 << bit)),
    });
  }
  return out;
}

// ---- the tests --------------------------------------------------------------------

/** True when one of `scopes` is `prefix` followed by more segments (`keyword.other.unit.laurel`). */
function carries(scopes, prefix) {
  return scopes.some((s) => s.startsWith(`${prefix}.`));
}

test("every semantic token of the server carries the matching TextMate scope", { timeout: 60_000 }, async () => {
  const problems = [];
  let checked = 0;
  for (const file of [...examples, fixtureFile]) {
    const tm = await textmateTokens(file);
    const text = lines(file.text);
    for (const token of await serverTokens(file)) {
      const expected = expectedScopes(token.type, token.modifiers);
      assert.ok(
        expected,
        `the server's legend has a token type this test does not know: ${token.type} (update expectedScopes)`,
      );
      const covering = (tm[token.line] ?? []).filter((t) => t.start < token.end && token.start < t.end);
      const wrong = covering.filter((t) => !expected.some((p) => carries(t.scopes, p)));
      checked += 1;
      if (covering.length === 0 || wrong.length > 0) {
        const where = `${file.name}:${token.line + 1}:${token.start + 1}`;
        const word = text[token.line].slice(token.start, token.end);
        const has = (wrong[0] ?? { scopes: ["nothing"] }).scopes.join(" ");
        problems.push(`${where} ${JSON.stringify(word)}: the server says ${[token.type, ...token.modifiers].join("+")}, ` +
          `so a scope ${expected.join(" or ")}.*; the grammar gives ${has}`);
      }
    }
  }
  assert.ok(checked > 500, `only ${checked} semantic tokens: is the server analysing the files?`);
  assert.deepEqual(problems, [], `the grammar disagrees with the server on ${problems.length} tokens`);
});

test("no part of an example is scoped invalid", async () => {
  const problems = [];
  for (const file of examples) {
    const text = lines(file.text);
    (await textmateTokens(file)).forEach((tokens, line) => {
      for (const t of tokens.filter((t) => t.scopes.some((s) => s.startsWith("invalid")))) {
        problems.push(`${file.name}:${line + 1}:${t.start + 1} ${JSON.stringify(text[line].slice(t.start, t.end))}: ${t.scopes.join(" ")}`);
      }
    });
  }
  assert.deepEqual(problems, []);
});

/** A snapshot: each line, then for each token that is not blank its columns and scopes. */
function snapshot(file, tokens) {
  const header = [
    `# ${file.name}: TextMate scopes per token (test/grammar.test.mjs).`,
    "# `>` a line of the file; `#` the token under the carets and its scopes, without",
    "# `source.laurel` and the `.laurel` suffix. LAUREL_BLESS=1 rewrites this file.",
  ];
  const body = lines(file.text).flatMap((line, n) => [
    `>${line}`,
    ...tokens[n]
      .filter((t) => line.slice(t.start, t.end).trim() !== "")
      .map((t) => {
        const scopes = t.scopes.filter((s) => s !== "source.laurel").map((s) => s.replace(/\.laurel$/, ""));
        return `#${" ".repeat(t.start)}${"^".repeat(t.end - t.start)} ${scopes.join(" ")}`;
      }),
  ]);
  return [...header, ...body].join("\n") + "\n";
}

/** The first differing line of two texts, for the failure message. */
function firstDifference(a, b) {
  const [x, y] = [a.split("\n"), b.split("\n")];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}:\n    snapshot: ${x[i] ?? "<end>"}\n    now:      ${y[i] ?? "<end>"}`;
  }
  return "";
}

test("the scopes of every example match their snapshots", async () => {
  const problems = [];
  const expected = new Set();
  for (const file of examples) {
    const snapPath = path.join(snapshotDir, `${file.name}.snap`);
    expected.add(path.resolve(snapPath));
    const now = snapshot(file, await textmateTokens(file));
    const before = fs.existsSync(snapPath) ? fs.readFileSync(snapPath, "utf8") : null;
    if (before === now) continue;
    if (bless) {
      fs.mkdirSync(path.dirname(snapPath), { recursive: true });
      fs.writeFileSync(snapPath, now);
    } else if (before === null) {
      problems.push(`${path.relative(extension, snapPath)} is missing`);
    } else {
      problems.push(`${path.relative(extension, snapPath)} differs at ${firstDifference(before, now)}`);
    }
  }
  const stale = fs.existsSync(snapshotDir)
    ? fs
        .readdirSync(snapshotDir, { recursive: true })
        .map((p) => path.resolve(snapshotDir, p))
        .filter((p) => p.endsWith(".snap") && !expected.has(p))
    : [];
  for (const p of stale) {
    if (bless) fs.rmSync(p);
    else problems.push(`${path.relative(extension, p)} belongs to no example`);
  }
  assert.deepEqual(
    problems,
    [],
    "the grammar's scopes of the examples changed: check the change, then run `LAUREL_BLESS=1 node --test test/grammar.test.mjs`",
  );
});
