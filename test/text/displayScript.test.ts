// Chinese shown in both scripts (server/text/displayScript.ts), and the check every text of the
// rubric and of the coaching tables passes: in the reader's script, with Taiwan phrasing, and
// none of the conversion errors OpenCC is known to make (提出瞭解決, 稽核, 檔案…).
import { describe, expect, it } from 'vitest';
import { localize } from '../../server/scoring/rubric/compile.ts';
import { inBothScripts, writtenScript } from '../../server/text/displayScript.ts';
import { scriptProblems } from '../support/scriptCheck.ts';
import { rubricTexts as shownRubric, wordingTexts } from '../support/shownTexts.ts';

describe('one text, both scripts', () => {
  it('shows Traditional as written, and gives its Simplified without the particle 了 turning into 瞭', () => {
    expect(inBothScripts('您提出了解決辦法')).toEqual({ 'zh-Hans': '您提出了解决办法', 'zh-Hant': '您提出了解決辦法' });
  });

  it('converts Simplified with Taiwan phrasing, and Taiwan phrasing back to the mainland one', () => {
    expect(inBothScripts('我们会用短信联系您')).toEqual({ 'zh-Hans': '我们会用短信联系您', 'zh-Hant': '我們會用簡訊聯絡您' });
    expect(inBothScripts('我們會用簡訊聯絡您')).toEqual({ 'zh-Hans': '我们会用短信联系您', 'zh-Hant': '我們會用簡訊聯絡您' });
  });

  it('tells the script a text is written in', () => {
    expect(writtenScript('這件事我來幫您處理')).toBe('zh-Hant');
    expect(writtenScript('这件事我来帮您处理')).toBe('zh-Hans');
    expect(writtenScript('利息')).toBe('zh-Hans');
  });

  it('catches what the converter gets wrong, so such a text is written in both scripts instead', () => {
    // OpenCC reads 提出了解决 as 提出 + 了解 + 决, and takes 文件 (papers) for a computer file.
    expect(scriptProblems(inBothScripts('您提出了解决办法')['zh-Hant'], 'zh-Hant')).not.toEqual([]);
    expect(scriptProblems(inBothScripts('请准备好这些文件')['zh-Hant'], 'zh-Hant')).not.toEqual([]);
    expect(scriptProblems('我们会回调给您', 'zh-Hans')).not.toEqual([]);
    // A character of the other script is caught too.
    expect(scriptProblems('這件事我来處理', 'zh-Hant')).not.toEqual([]);
    expect(scriptProblems('这件事我來处理', 'zh-Hans')).not.toEqual([]);
  });
});

const rubricTexts = shownRubric();
const allTexts = [...rubricTexts, ...wordingTexts()];

describe('every text of the rubric and of the coaching tables', () => {
  it('covers feedback, coaching and the plain words of jargon', () => {
    const where = rubricTexts.map(([w]) => w);
    expect(where).toContain('rubric.signals[complaint.negotiate].feedback.present');
    expect(where).toContain('rubric.signals[empathy.interpretation].feedback.absent');
    expect(where).toContain('rubric.signals[conduct.threat].coaching.stop');
    expect(where.some((w) => w.endsWith('.plain'))).toBe(true);
    expect(wordingTexts().map(([w]) => w)).toContain('wording.START.interpretation.in.collection');
  });

  it.each(allTexts)('%s reads right in Simplified and in Traditional', (_where, text) => {
    const shown = localize(text);
    expect(scriptProblems(shown['zh-Hans'], 'zh-Hans')).toEqual([]);
    expect(scriptProblems(shown['zh-Hant'], 'zh-Hant')).toEqual([]);
  });

  // Checked by hand: the texts a converter got wrong before, and a few with Taiwan phrasing.
  const HAND_CHECKED: Record<string, { 'zh-Hans': string; 'zh-Hant': string }> = {
    'rubric.signals[complaint.negotiate].feedback.present': {
      'zh-Hans': '您提出了解决办法（「{evidence}」）：第三步，协商。',
      'zh-Hant': '您提出了解決辦法（「{evidence}」）：第三步，協商。',
    },
    'rubric.signals[conduct.false_promise].feedback.present': {
      'zh-Hans': '「{evidence}」是无法兑现的承诺。如实说：「这个我没办法保证，但可以告诉您要看哪些方面。」',
      'zh-Hant': '「{evidence}」是無法兌現的承諾。如實說：「這個我沒辦法保證，但可以告訴您要看哪些方面。」',
    },
    'rubric.signals[conduct.abusive].coaching.stop': {
      'zh-Hans': '不要辱骂客户：「{evidence}」是在贬低对方。无论客户说什么都要保持尊重；需要缓一缓时，可以说「我查一下，马上回复您」。',
      'zh-Hant': '不要辱罵客戶：「{evidence}」是在貶低對方。無論客戶說什麼都要保持尊重；需要緩一緩時，可以說「我查一下，馬上回覆您」。',
    },
    'rubric.signals[empathy.interpretation].feedback.absent': {
      'zh-Hans': '说出这件事对客户的影响，例如「难怪您着急，这件事确实打乱了您的安排」。',
      'zh-Hant': '說出這件事對客戶的影響，例如「難怪您著急，這件事確實打亂了您的安排」。',
    },
    'wording.START.step.negotiate': {
      'zh-Hans': '接着要协商：这次投诉停在了解事实，没有提出解决办法。给客户几个可以选择的方案。',
      'zh-Hant': '接著要協商：這次投訴停在了解事實，沒有提出解決辦法。給客戶幾個可以選擇的方案。',
    },
  };

  it.each(Object.entries(HAND_CHECKED))('%s is shown as checked by hand', (where, expected) => {
    const found = allTexts.find(([w]) => w === where);
    expect(found, where).toBeDefined();
    const shown = localize(found![1]);
    expect({ 'zh-Hans': shown['zh-Hans'], 'zh-Hant': shown['zh-Hant'] }).toEqual(expected);
  });
});
