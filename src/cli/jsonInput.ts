/** Reads a JSON file ksim wrote earlier and checks it whole against its schema before any use. */
import * as fs from "node:fs";
import type { z } from "zod";
import { zodIssuesToPending } from "../scenario/zodIssues";
import { InputFileError } from "./inputFileError";

/** `what` names the kind of file for the message when it is not JSON at all ("finding file"). */
export function readJsonInput<Schema extends z.ZodType>(file: string, schema: Schema, what: string): z.output<Schema> {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new InputFileError(file, [{ path: [], message: `not a readable ${what} (${(error as Error).message})` }]);
  }
  const parsed = schema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const issues = zodIssuesToPending(parsed.error.issues, schema, data);
    throw new InputFileError(file, [{ path: [], message: `not a valid ${what}:` }, ...issues]);
  }
  return parsed.data;
}
