/** The one line that replays a finding exactly. */
export function replayCommandFor(scenarioPath: string, fastCheckSeed: number, fastCheckPath: string): string {
  return `npx ksim replay --scenario ${quote(scenarioPath)} --seed ${fastCheckSeed} --path ${quote(fastCheckPath)}`;
}

function quote(text: string): string {
  return /^[\w./:-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
