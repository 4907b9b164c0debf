// “Laurel: Validate credential file”: which files it is for, what it asks the server
// (`laurel/validateCredential`) and what it says of the answer. No `vscode` here, so the
// Node tests run it against a real server.

/** The server's request. */
export const VALIDATE_REQUEST = "laurel/validateCredential";

/** Answer of `laurel/validateCredential`. */
export interface ValidationAnswer {
  uri: string;
  conforms: boolean;
  readable: boolean;
  form: "credential" | "upload" | "sealed" | null;
  errors: number;
  warnings: number;
  profiles: string[];
  shapes: string[];
  source: "editor" | "disk";
  message: string;
}

/** Params of `laurel/validateCredential`: the file and the editor's text, unsaved edits included. */
export interface ValidationParams {
  textDocument: { uri: string };
  text: string;
}

/** Whether a file name is one a credential is saved as (`.json`, `.jsonld`). */
export function isCredentialFile(name: string): boolean {
  return /\.json(ld)?$/i.test(name);
}

/** The request for a document (its URI as the language client writes it). */
export function validationParams(uri: string, text: string): ValidationParams {
  return { textDocument: { uri }, text };
}

/** What to tell the user: `ok` when the file conforms (warnings allowed). */
export function validationMessage(name: string, answer: ValidationAnswer): { ok: boolean; text: string } {
  if (!answer.readable) {
    return { ok: false, text: `Laurel: ${name} could not be checked: ${answer.message}` };
  }
  const problems = answer.errors + answer.warnings;
  const counted = problems === 0 ? "" : ` (${problems} problem${problems === 1 ? "" : "s"} in Problems)`;
  return { ok: answer.conforms, text: `Laurel: ${name} ${answer.message}${counted}` };
}
