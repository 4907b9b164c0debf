// Finding the `laurel-lsp` program: the setting, else the binary bundled in the
// extension for this platform, else `laurel-lsp` on PATH. No `vscode` import here, so
// the rules can be tested with plain Node.

import * as fs from "node:fs";
import * as path from "node:path";

/** Where the server was found. */
export type ServerSource = "setting" | "bundled" | "path";

/** A server program to start. */
export interface FoundServer {
  command: string;
  source: ServerSource;
}

/** Why no server could be found, in words for the user, with the fix. */
export interface MissingServer {
  message: string;
  /** True when the fix is to change the `laurel.server.path` setting. */
  settingIsWrong: boolean;
}

/** What `findServer` looks at. */
export interface Environment {
  /** The `laurel.server.path` setting ("" when unset). */
  configured: string;
  /** The extension's own folder. */
  extensionPath: string;
  /** `process.platform`. */
  platform: NodeJS.Platform;
  /** The `PATH` variable. */
  pathVariable: string;
  /** The first workspace folder, to resolve a relative setting against. */
  workspaceFolder?: string;
}

/** The program's file name on this platform. */
export function serverFileName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "laurel-lsp.exe" : "laurel-lsp";
}

/** Where the platform-specific package puts the server, relative to the extension. */
export const BUNDLED_DIR = "server";

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (platform !== "win32") {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/** Expands a leading `~` and resolves a relative path against the workspace folder. */
function expand(configured: string, env: Environment): string {
  let file = configured.trim();
  const home = process.env.HOME ?? process.env.USERPROFILE;
  if ((file === "~" || file.startsWith("~/")) && home) {
    file = path.join(home, file.slice(1));
  }
  if (!path.isAbsolute(file) && env.workspaceFolder) {
    file = path.join(env.workspaceFolder, file);
  }
  return file;
}

/** Finds the server: the setting, else the bundled binary, else PATH. */
export function findServer(env: Environment): FoundServer | MissingServer {
  const name = serverFileName(env.platform);
  if (env.configured.trim() !== "") {
    const file = expand(env.configured, env);
    if (isExecutableFile(file, env.platform)) {
      return { command: file, source: "setting" };
    }
    return {
      message:
        `Laurel: the setting "laurel.server.path" points to ${file}, ` +
        "which is not a program that can be run. Correct the path, or clear the " +
        "setting to use the server bundled with the extension or laurel-lsp on PATH.",
      settingIsWrong: true,
    };
  }
  const bundled = path.join(env.extensionPath, BUNDLED_DIR, name);
  if (isExecutableFile(bundled, env.platform)) {
    return { command: bundled, source: "bundled" };
  }
  const separator = env.platform === "win32" ? ";" : ":";
  for (const dir of env.pathVariable.split(separator)) {
    if (dir === "") {
      continue;
    }
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate, env.platform)) {
      return { command: candidate, source: "path" };
    }
  }
  return {
    message:
      "Laurel: the language server (laurel-lsp) was not found. Install the Laurel " +
      "package for your platform (it has the server inside), or build the server " +
      "(`cargo install --path lsp` in the Laurel sources) and either put it on PATH " +
      'or set "laurel.server.path" to the program.',
    settingIsWrong: false,
  };
}

/** True when `findServer` found a program. */
export function isFound(result: FoundServer | MissingServer): result is FoundServer {
  return "command" in result;
}
