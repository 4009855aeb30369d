/**
 * Output paths are checked before the work that fills them, so a typo fails at once with exit 2,
 * not as a stack trace after a long run. A check cannot promise the write will succeed (the disk
 * may fill), only that the path is of the right kind and writable now.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CliError, ExitCode } from "./exitCodes";

function statOf(target: string): fs.Stats | undefined {
  try {
    return fs.statSync(target);
  } catch {
    return undefined;
  }
}

function writable(target: string): boolean {
  try {
    fs.accessSync(target, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function refuse(option: string, target: string, problem: string): never {
  throw new CliError(`${option} ${target}: ${problem}`, ExitCode.BAD_INPUT);
}

/** A report folder: created if missing (with its parents), so its nearest existing ancestor must be a writable folder. */
export function checkOutputFolder(folder: string, option: string): void {
  let existing = path.resolve(folder);
  while (statOf(existing) === undefined && path.dirname(existing) !== existing) existing = path.dirname(existing);
  const stats = statOf(existing);
  if (stats === undefined) refuse(option, folder, "no part of this path exists");
  const where = existing === path.resolve(folder) ? "it" : existing;
  if (!stats.isDirectory()) refuse(option, folder, `${where} is a file, not a folder`);
  if (!writable(existing)) refuse(option, folder, `${where} is not writable`);
}

/** A file written in a folder that must already exist (as `--trace`, `--html` and `--save` always required). */
export function checkOutputFile(file: string, option: string): void {
  const stats = statOf(file);
  if (stats?.isDirectory() === true) refuse(option, file, "is a folder; give a file name");
  if (stats !== undefined && !writable(file)) refuse(option, file, "is not writable");
  const folder = path.dirname(path.resolve(file));
  const folderStats = statOf(folder);
  if (folderStats === undefined) refuse(option, file, `folder ${path.dirname(file)} does not exist`);
  if (!folderStats.isDirectory()) refuse(option, file, `${path.dirname(file)} is not a folder`);
  if (!writable(folder)) refuse(option, file, `folder ${path.dirname(file)} is not writable`);
}
