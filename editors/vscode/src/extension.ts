// The Laurel extension: starts `laurel-lsp` and adds four commands on top of it.
// Every language feature (diagnostics, completion, hover, navigation, quick fixes,
// formatting, semantic tokens) comes from the server.

import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";

import {
  isCredentialFile,
  VALIDATE_REQUEST,
  ValidationAnswer,
  validationMessage,
  validationParams,
} from "./credential";
import { findServer, FoundServer, isFound } from "./server";

/** URI scheme of the read-only compiled documents. */
const COMPILED_SCHEME = "laurel-compiled";

/** Answer of the server's `laurel/build` request. */
interface BuildAnswer {
  built: boolean;
  outputDir?: string;
  specifications?: number;
  credentials?: number;
  errors?: number;
  message?: string;
}

/** Answer of the server's `laurel/compiled` request. */
interface CompiledAnswer {
  path?: string;
  text?: string;
  message?: string;
}

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let status: vscode.LanguageStatusItem;

/** Texts of the compiled documents shown, by URI. */
class CompiledDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? "";
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("Laurel", { log: true });
  status = vscode.languages.createLanguageStatusItem("laurel.server", { language: "laurel" });
  status.name = "Laurel language server";
  status.command = { title: "Restart", command: "laurel.restartServer" };
  const compiled = new CompiledDocuments();
  context.subscriptions.push(
    output,
    status,
    vscode.workspace.registerTextDocumentContentProvider(COMPILED_SCHEME, compiled),
    vscode.commands.registerCommand("laurel.build", buildProject),
    vscode.commands.registerCommand("laurel.showCompiled", () => showCompiled(compiled)),
    vscode.commands.registerCommand("laurel.restartServer", () => restart(context)),
    vscode.commands.registerCommand("laurel.validateCredential", validateCredential),
    vscode.workspace.onDidCloseTextDocument(forgetValidation),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("laurel.server.path")) {
        await restart(context);
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

/** Finds the server and starts a client for it; explains what to do when there is none. */
async function start(context: vscode.ExtensionContext): Promise<void> {
  const configured = vscode.workspace.getConfiguration("laurel").get<string>("server.path", "");
  const found = findServer({
    configured,
    extensionPath: context.extensionPath,
    platform: process.platform,
    pathVariable: process.env.PATH ?? "",
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
  });
  if (!isFound(found)) {
    output.error(found.message);
    status.text = "Laurel: no server";
    status.severity = vscode.LanguageStatusSeverity.Error;
    const choice = await vscode.window.showErrorMessage(
      found.message,
      "Open Settings",
      "Show Log",
    );
    if (choice === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "laurel.server.path");
    } else if (choice === "Show Log") {
      output.show();
    }
    return;
  }
  output.info(`starting ${found.command} (${describe(found)})`);
  const serverOptions: ServerOptions = {
    command: found.command,
    args: ["--stdio"],
    transport: TransportKind.stdio,
  };
  const watcher = vscode.workspace.createFileSystemWatcher("**/{*.laurel,Laurel.toml}");
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "laurel" },
      { scheme: "untitled", language: "laurel" },
    ],
    synchronize: { fileEvents: watcher },
    outputChannel: output,
    traceOutputChannel: output,
  };
  client = new LanguageClient("laurel", "Laurel", serverOptions, clientOptions);
  client.onDidChangeState((event) => {
    if (event.newState === State.Running) {
      status.text = `Laurel: ${describe(found)}`;
      status.severity = vscode.LanguageStatusSeverity.Information;
    } else if (event.newState === State.Stopped) {
      status.text = "Laurel: server stopped";
      status.severity = vscode.LanguageStatusSeverity.Warning;
    }
  });
  try {
    await client.start();
  } catch (error) {
    const message = `Laurel: the language server at ${found.command} did not start: ${String(error)}`;
    output.error(message);
    void vscode.window.showErrorMessage(message, "Show Log").then((choice) => {
      if (choice) {
        output.show();
      }
    });
  }
}

function describe(found: FoundServer): string {
  switch (found.source) {
    case "setting":
      return "server from laurel.server.path";
    case "bundled":
      return "bundled server";
    case "path":
      return "laurel-lsp on PATH";
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running && running.state !== State.Stopped) {
    try {
      await running.stop();
    } catch (error) {
      output.warn(`stopping the server: ${String(error)}`);
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  output.info("restarting the server");
  await stop();
  await start(context);
}

/** The running client, or a message saying why there is none. */
function runningClient(): LanguageClient | undefined {
  if (client && client.state === State.Running) {
    return client;
  }
  void vscode.window.showErrorMessage(
    "Laurel: the language server is not running. Run “Laurel: Restart server”, or see the Laurel log.",
  );
  return undefined;
}

/** A file of the project to build: the active Laurel file, else a `Laurel.toml`. */
async function projectFile(): Promise<vscode.Uri | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.languageId === "laurel") {
    return editor.document.uri;
  }
  const manifests = await vscode.workspace.findFiles("**/Laurel.toml", "**/node_modules/**", 50);
  if (manifests.length <= 1) {
    return manifests[0];
  }
  const picked = await vscode.window.showQuickPick(
    manifests.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { placeHolder: "Which Laurel project?" },
  );
  return picked?.uri;
}

/** “Laurel: Build project”: saves the Laurel files and does what `laurel build` does. */
async function buildProject(): Promise<void> {
  const running = runningClient();
  if (!running) {
    return;
  }
  const target = await projectFile();
  if (!target) {
    void vscode.window.showWarningMessage(
      "Laurel: open a .laurel file, or a folder with a Laurel.toml, to build it.",
    );
    return;
  }
  for (const document of vscode.workspace.textDocuments) {
    if (document.isDirty && document.languageId === "laurel") {
      await document.save();
    }
  }
  let answer: BuildAnswer;
  try {
    answer = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: "Laurel: building" },
      () => running.sendRequest<BuildAnswer>("laurel/build", { uri: target.toString() }),
    );
  } catch (error) {
    const message = `Laurel: the build failed: ${errorMessage(error)}`;
    output.error(message);
    void vscode.window.showErrorMessage(message);
    return;
  }
  if (answer.built) {
    const text =
      `Laurel: wrote ${answer.specifications} specification(s) and ` +
      `${answer.credentials} credential(s) to ${answer.outputDir}`;
    output.info(text);
    const choice = await vscode.window.showInformationMessage(text, "Reveal in Explorer");
    if (choice && answer.outputDir) {
      await vscode.commands.executeCommand("revealInExplorer", vscode.Uri.file(answer.outputDir));
    }
  } else {
    const text = `Laurel: ${answer.message ?? "nothing was written"}`;
    output.warn(text);
    const choice = await vscode.window.showWarningMessage(text, "Show Problems");
    if (choice) {
      await vscode.commands.executeCommand("workbench.actions.view.problems");
    }
  }
}

/** “Laurel: Show compiled credential”: the JSON-LD of the award or micro-credential at the cursor. */
async function showCompiled(compiled: CompiledDocuments): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "laurel") {
    void vscode.window.showWarningMessage("Laurel: open a .laurel file and put the cursor in an award.");
    return;
  }
  const running = runningClient();
  if (!running) {
    return;
  }
  let answer: CompiledAnswer;
  try {
    answer = await running.sendRequest<CompiledAnswer>("laurel/compiled", {
      textDocument: { uri: editor.document.uri.toString() },
      position: running.code2ProtocolConverter.asPosition(editor.selection.active),
    });
  } catch (error) {
    void vscode.window.showErrorMessage(`Laurel: ${errorMessage(error)}`);
    return;
  }
  if (answer.path === undefined || answer.text === undefined) {
    void vscode.window.showInformationMessage(`Laurel: ${answer.message ?? "nothing to show"}`);
    return;
  }
  const uri = vscode.Uri.from({ scheme: COMPILED_SCHEME, path: `/${answer.path}` });
  compiled.set(uri, answer.text);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(document, "json");
  await vscode.window.showTextDocument(document, {
    viewColumn: vscode.ViewColumn.Beside,
    preview: true,
    preserveFocus: true,
  });
}

/** Credential files validated, whose results are in Problems (by URI). */
const validated = new Set<string>();

/**
 * “Laurel: Validate credential file”: what `laurel validate` says of the file in the
 * editor (or the one the menu was opened on), unsaved edits included. The findings go to
 * Problems as the server's diagnostics on that file.
 */
async function validateCredential(resource?: vscode.Uri): Promise<void> {
  const document =
    resource instanceof vscode.Uri
      ? await vscode.workspace.openTextDocument(resource)
      : vscode.window.activeTextEditor?.document;
  if (!document || !isCredentialFile(document.uri.path)) {
    void vscode.window.showWarningMessage("Laurel: open a credential file (.json or .jsonld) to validate it.");
    return;
  }
  const running = runningClient();
  if (!running) {
    return;
  }
  const name = document.uri.path.split("/").pop() ?? document.uri.path;
  let answer: ValidationAnswer;
  try {
    answer = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Laurel: validating ${name}` },
      () =>
        running.sendRequest<ValidationAnswer>(
          VALIDATE_REQUEST,
          validationParams(running.code2ProtocolConverter.asUri(document.uri), document.getText()),
        ),
    );
  } catch (error) {
    void vscode.window.showErrorMessage(`Laurel: validating ${name} failed: ${errorMessage(error)}`);
    return;
  }
  validated.add(document.uri.toString());
  const { ok, text } = validationMessage(name, answer);
  output.info(text);
  if (ok) {
    void vscode.window.showInformationMessage(text);
    return;
  }
  const choice = await vscode.window.showWarningMessage(text, "Show Problems");
  if (choice) {
    await vscode.commands.executeCommand("workbench.actions.view.problems");
  }
}

/** A validated file that is closed leaves Problems (the client never opened it on the server). */
function forgetValidation(document: vscode.TextDocument): void {
  if (validated.delete(document.uri.toString())) {
    client?.diagnostics?.delete(document.uri);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
