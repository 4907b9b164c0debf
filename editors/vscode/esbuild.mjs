// Bundles the client into out/extension.js (vscode-languageclient included, so the
// package needs no node_modules), and src/server.ts and src/credential.ts alone into
// out/server.js and out/credential.js for the unit tests. `--watch` rebuilds on change.
import * as esbuild from "esbuild";

const watch = process.argv.includes("--watch");

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node18",
  sourcemap: false,
  logLevel: "info",
};

const builds = [
  { ...common, entryPoints: ["src/extension.ts"], outfile: "out/extension.js", external: ["vscode"], minify: !watch },
  { ...common, entryPoints: ["src/server.ts"], outfile: "out/server.js" },
  { ...common, entryPoints: ["src/credential.ts"], outfile: "out/credential.js" },
];

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
