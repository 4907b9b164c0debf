// What a packaged .vsix holds. `LAUREL_VSIX` names a universal package (no server
// inside), `LAUREL_VSIX_PLATFORM` a platform package (server inside); both are made by
// scripts/package.sh. A package that is not named is not checked, and says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const yauzl = require("yauzl");

/** The entries of a zip file: name -> { size, mode, read() }. */
function entries(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error) {
        reject(error);
        return;
      }
      const found = new Map();
      zip.on("entry", (entry) => {
        const read = () =>
          new Promise((done, fail) => {
            zip.openReadStream(entry, (streamError, stream) => {
              if (streamError) {
                fail(streamError);
                return;
              }
              const chunks = [];
              stream.on("data", (chunk) => chunks.push(chunk));
              stream.on("end", () => done(Buffer.concat(chunks)));
              stream.on("error", fail);
            });
          });
        found.set(entry.fileName, {
          size: entry.uncompressedSize,
          mode: (entry.externalFileAttributes >>> 16) & 0o777,
          read,
        });
        zip.readEntry();
      });
      zip.on("end", () => resolve(found));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

/** Checks what every package must hold; returns the entries and the manifest. */
async function checkCommon(file) {
  const files = await entries(file);
  const manifest = JSON.parse((await files.get("extension/package.json").read()).toString());
  const language = manifest.contributes.languages.find((l) => l.id === "laurel");
  assert.deepEqual(language.extensions, [".laurel"]);
  const needed = [
    manifest.main.replace(/^\.\//, "").replace(/(\.js)?$/, ".js"),
    language.configuration,
    language.icon.light,
    manifest.icon,
    ...manifest.contributes.grammars.map((g) => g.path),
    ...manifest.contributes.snippets.map((s) => s.path),
  ].map((p) => `extension/${p.replace(/^\.\//, "")}`);
  for (const name of needed) {
    assert.ok(files.has(name), `${file} lacks ${name}`);
    assert.ok(files.get(name).size > 0, `${name} is empty`);
  }
  // The grammar and the configuration are the ones in the sources, and parse.
  const grammar = JSON.parse((await files.get("extension/syntaxes/laurel.tmLanguage.json").read()).toString());
  assert.equal(grammar.scopeName, "source.laurel");
  JSON.parse((await files.get("extension/language-configuration.json").read()).toString());
  // The client is bundled: it starts the language client without node_modules.
  const client = (await files.get("extension/out/extension.js").read()).toString();
  assert.match(client, /laurel\/compiled/);
  assert.match(client, /laurel\.server\.path/);
  assert.ok(![...files.keys()].some((n) => n.includes("node_modules/")), "node_modules were packaged");
  assert.ok(![...files.keys()].some((n) => n.startsWith("extension/src/")), "sources were packaged");
  return { files, manifest };
}

test("the universal package holds grammar, configuration, snippets and client, and no server", async (t) => {
  const file = process.env.LAUREL_VSIX;
  if (!file) {
    t.skip("LAUREL_VSIX is not set");
    return;
  }
  const { files } = await checkCommon(file);
  assert.ok(![...files.keys()].some((n) => n.startsWith("extension/server/")), "a server is inside");
});

test("the platform package also holds the server, executable", async (t) => {
  const file = process.env.LAUREL_VSIX_PLATFORM;
  if (!file) {
    t.skip("LAUREL_VSIX_PLATFORM is not set");
    return;
  }
  const { files } = await checkCommon(file);
  const vsixManifest = (await files.get("extension.vsixmanifest").read()).toString();
  const target = /TargetPlatform="([^"]+)"/.exec(vsixManifest)?.[1];
  assert.ok(target, "the package names no target platform");
  const server = target.startsWith("win32") ? "extension/server/laurel-lsp.exe" : "extension/server/laurel-lsp";
  assert.ok(files.has(server), `no ${server} in the ${target} package`);
  const entry = files.get(server);
  assert.ok(entry.size > 1_000_000, `${server} is only ${entry.size} bytes`);
  if (!target.startsWith("win32")) {
    assert.equal(entry.mode & 0o111, 0o111, `${server} is not executable (mode ${entry.mode.toString(8)})`);
    const head = (await entry.read()).subarray(0, 4);
    const magic = target.startsWith("darwin") ? [0xcf, 0xfa, 0xed, 0xfe] : [0x7f, 0x45, 0x4c, 0x46];
    assert.deepEqual([...head], magic, "the server is not a program for this platform");
  }
});
