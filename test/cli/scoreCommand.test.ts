// `sparring score` (server/cli/scoreCommand.ts), run as a real process through
// server/cli/bin.mjs on temporary files, as a coach's script would run it.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'server', 'cli', 'bin.mjs');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;

/** Runs the CLI in the temp directory, so file names are given as plain relative paths. */
function sparring(args: string[], stdin = ''): Promise<Run> {
  return new Promise((done, fail) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return fail(err);
      done({ code: err ? (err.code as number) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin);
  });
}

function write(name: string, content: unknown): void {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
}

const jsonLines = (stdout: string): Array<Record<string, any>> =>
  stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));

const EN = {
  locale: 'en',
  scenario: 'complaint',
  turns: [
    { role: 'customer', text: 'I applied two weeks ago and the money still has not arrived!' },
    { role: 'trainee', text: "I'm sorry you've been waiting so long." },
  ],
};

const ZH_HANT = {
  locale: 'zh-Hant',
  scenario: 'complaint',
  turns: [
    { role: 'customer', text: '我兩個星期前就申請了貸款，到現在還沒放款！' },
    { role: 'trainee', text: '非常抱歉讓您等了這麼久，我來幫您查一下。' },
  ],
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sparring-cli-'));
  write('en.json', EN);
  write('zh.json', ZH_HANT);
  // A trailing comma after the last turn: the "]" on line 4 is where JSON.parse stops.
  write('bad-syntax.json', '{\n  "turns": [\n    { "role": "trainee", "text": "hi" },\n  ]\n}\n');
  // JSON.stringify with two-space indent: turns[1].text is on line 10.
  write('empty-text.json', { locale: 'en', turns: [{ role: 'customer', text: 'Hello?' }, { role: 'trainee', text: '' }] });
  write('bad-locale.json', { locale: 'fr', turns: [{ role: 'trainee', text: 'Bonjour' }] });
});

describe('sparring score --json', () => {
  it('prints one JSON line per file, in input order, with "file"', async () => {
    const run = await sparring(['score', '--json', 'zh.json', 'en.json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines.map((l) => l.file)).toEqual(['zh.json', 'en.json']);
    expect(lines.map((l) => l.locale)).toEqual(['zh-Hant', 'en']);
    for (const line of lines) {
      expect(line.rubric).toBe('lending-service-v1');
      expect(line.summary.overall).toBeGreaterThanOrEqual(0);
      expect(Object.keys(line.turns[0].criteria).sort()).toEqual(['active_listening', 'complaint_process', 'conduct', 'empathy', 'plain_language']);
    }
  });

  it('detects a signal in a known reply, with evidence that slices the text', async () => {
    const [report] = jsonLines((await sparring(['score', 'en.json', '--json'])).stdout);
    const turn = report!.turns[0];
    expect(turn.index).toBe(1);
    expect(turn.signals).toContain('empathy.emotion');
    const evidence = turn.criteria.empathy.evidence.find((e: any) => e.signal === 'empathy.emotion');
    expect(EN.turns[1]!.text.slice(evidence.start, evidence.end)).toBe(evidence.text);
  });

  it('reports bad files on stderr with file, line and field, and still scores the good one', async () => {
    const run = await sparring(['score', '--json', 'bad-syntax.json', 'en.json', 'empty-text.json', 'bad-locale.json']);
    expect(run.code).toBe(1);
    expect(jsonLines(run.stdout).map((l) => l.file)).toEqual(['en.json']);
    const errors = run.stderr.trim().split('\n');
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^bad-syntax\.json:4:\d+: not valid JSON/);
    expect(errors[1]).toMatch(/^empty-text\.json:10: turns\[1\]\.text: must not be empty$/);
    expect(errors[2]).toMatch(/^bad-locale\.json:2: locale: /);
  });

  it('names a missing file', async () => {
    const run = await sparring(['score', 'missing.json', 'en.json', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^missing\.json: cannot read: ENOENT/);
    expect(jsonLines(run.stdout)).toHaveLength(1);
  });

  it('reads one transcript from standard input with -', async () => {
    const run = await sparring(['score', '-', '--json'], JSON.stringify(ZH_HANT));
    expect(run.code).toBe(0);
    const [report] = jsonLines(run.stdout);
    expect(report!.file).toBe('-');
    expect(report!.turns[0].signals).toContain('empathy.emotion');
  });

  it('takes options after the files as well as before', async () => {
    const after = await sparring(['score', 'en.json', 'zh.json', '--rubric', 'lending-service-v1', '--json']);
    const before = await sparring(['score', '--rubric=lending-service-v1', '--json', 'en.json', 'zh.json']);
    expect(after.code).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    expect(jsonLines(after.stdout).map((l) => l.file)).toEqual(['en.json', 'zh.json']);
  });
});

describe('sparring score usage errors (exit 2)', () => {
  it.each([
    ['an unknown rubric', ['score', 'en.json', '--rubric', 'no-such-rubric'], /unknown rubric "no-such-rubric"/],
    ['--rubric without an id', ['score', 'en.json', '--rubric'], /--rubric needs a rubric id/],
    ['an unknown option', ['score', '--jsn', 'en.json'], /unknown option "--jsn"/],
    ['no files', ['score', '--json'], /no transcript file given/],
    ['an unknown command', ['scroe', 'en.json'], /unknown command "scroe"/],
  ])('%s', async (_label, args, message) => {
    const run = await sparring(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});

describe('sparring score (table)', () => {
  it('shows the criteria, the reply and the summary, columns aligned for CJK', async () => {
    const run = await sparring(['score', 'zh.json', 'en.json']);
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('zh.json');
    expect(out).toContain('非常抱歉讓您等了這麼久');
    for (const id of ['empathy', 'active_listening', 'plain_language', 'complaint_process', 'conduct']) expect(out).toContain(id);
    expect(out).toContain('Active listening');
    expect(out).toMatch(/complaint steps\s+covered: /);
    expect(out).not.toMatch(/\u001b\[/);
    // Every criterion row ends its score at the same display column.
    const rows = out.split('\n').filter((l) => /(empathy|active_listening|plain_language|complaint_process|conduct) +\d+( |$)/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const scoreEnds = rows.map((l) => stringWidth(l.replace(/^(.*? \d+)(  .*)?$/, '$1')));
    expect(new Set(scoreEnds).size).toBe(1);
  });

  it("shows a collection call's own steps, and says when a threat failed the session", async () => {
    const call = {
      locale: 'zh-Hant',
      scenario: 'collection',
      turns: [
        { role: 'customer', text: '喂？' },
        { role: 'trainee', text: '您好，請問是張先生嗎？麻煩您說一下身分證後四碼，確認一下身分。' },
        { role: 'customer', text: '我這個月失業了。' },
        { role: 'trainee', text: '再不還錢，我們就派人到您家裡去。' },
      ],
    };
    const run = await sparring(['score', '-'], JSON.stringify(call));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/failed\s+conduct\.threat \(turns\[3\]\): overall capped/);
    expect(run.stdout).toMatch(/collection steps\s+covered: verify_identity; missing: state_purpose, /);
    expect(run.stdout).not.toMatch(/complaint steps/);
  });

  it('names standard input as <stdin>', async () => {
    const run = await sparring(['score', '-'], JSON.stringify(EN));
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('<stdin>');
  });
});

describe('sparring help and demo', () => {
  it('lists the commands', async () => {
    const run = await sparring([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}score FILE\.\.\./m);
    expect(run.stdout).toMatch(/^ {2}demo /m);
  });

  it('scores the three examples and shows how to score your own', async () => {
    const run = await sparring(['demo']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const name of ['complaint-zh-Hant.json', 'collection-zh-Hans.json', 'application-en.json']) expect(run.stdout).toContain(`docs/examples/${name}`);
    expect(run.stdout).toContain('npx sparring score');
    expect(run.stdout).toContain('--json');
  });
});
