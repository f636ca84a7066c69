/**
 * `sparring personas validate|test|schema` as a QA person runs them before a persona ships.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERSONAS_DIR } from '../../server/personas/personaLibrary.ts';
import { runCli } from '../support/runCli.ts';

/** A personas folder holding only the model persona, plus whatever the test changes. */
function folderWithModel(edit?: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sparring-qa-'));
  cpSync(join(PERSONAS_DIR, 'late-disbursement'), join(dir, 'late-disbursement'), { recursive: true });
  const file = join(dir, 'late-disbursement', 'zh-Hant.yaml');
  if (edit) writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return dir;
}

describe('sparring personas validate', () => {
  it('lists the valid files and exits 0', async () => {
    const run = await runCli(['personas', 'validate', folderWithModel()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ok    late-disbursement/zh-Hant');
  });

  it('names the path, line and field of a bad file and exits 1', async () => {
    const run = await runCli(['personas', 'validate', folderWithModel((t) => t.replace('difficulty: medium', 'difficulty: impossible'))]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/late-disbursement\/zh-Hant\.yaml:\d+: difficulty: /);
  });

  it('the starter library is valid', async () => {
    const run = await runCli(['personas', 'validate']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('sparring personas test', () => {
  it('passes the conversations a good file carries', async () => {
    const run = await runCli(['personas', 'test', folderWithModel()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\d+ passed, 0 failed/);
  });

  it('shows why a conversation fails, with the conversation itself', async () => {
    // Make dismissive words calm the customer: the bad-handling test can no longer escalate.
    const run = await runCli(['personas', 'test', folderWithModel((t) => t.replace('empathy.dismissive: { anger: 3, trust: -2 }', 'empathy.dismissive: { anger: -3 }'))]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL  late-disbursement/zh-Hant');
    expect(run.stdout).toMatch(/outcome expected escalated/);
    expect(run.stdout).toContain('the conversation:');
  });
});

describe('sparring personas schema', () => {
  it('prints the JSON Schema editors use', async () => {
    const run = await runCli(['personas', 'schema']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ title: 'Sparring persona', type: 'object' });
  });
});
