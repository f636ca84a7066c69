/**
 * `sparring chat`: a persona played in the terminal, the trainee's lines piped in.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.ts';

describe('sparring chat', () => {
  it('plays the persona, scores each reply and ends with the scorecard', async () => {
    const run = await runCli(['chat', 'late-disbursement', '--locale', 'zh-Hant', '--seed', '4'], {
      stdin: '陳先生，讓您等了這麼久，真的很抱歉。這件事我來幫您處理。\n撥款要先經過風控覆核。\n',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('陳先生：貸款核准兩週還沒撥款');
    expect(run.stdout).toMatch(/signals: empathy\.emotion/);
    // The customer asks what the jargon means, naming it.
    expect(run.stdout).toMatch(/customer \[anger [\d.]+ · trust [\d.]+ · confusion [\d.]+\]\n {2}.*風控/);
    expect(run.stdout).toContain('overall');
  });

  it('says which personas exist when the name is wrong', async () => {
    const run = await runCli(['chat', 'no-such-customer']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no persona "no-such-customer".*late-disbursement/);
  });

  it('stops when the customer escalates', async () => {
    const run = await runCli(['chat', 'late-disbursement', '--locale', 'zh-Hant', '--seed', '1'], {
      stdin: '請您冷靜一點，這不是我們的問題。\n規定就是這樣，您再急也沒用。\n還有別的事嗎？\n',
    });
    expect(run.stdout).toContain('The customer ended the conversation: escalated.');
    expect(run.stdout).not.toContain('還有別的事嗎');
  });
});
