// The persona form writes the draft through the yaml Document API (client/src/qa/form/personaYaml.ts):
// what the form does not show, comments and unknown fields included, survives a round trip
// between the form and the YAML tab, and lines the change does not touch stay as written.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readDraft, valueAt, withValue } from '../../client/src/qa/form/personaYaml.ts';

const shipped = readFileSync(new URL('../../personas/double-charge/zh-Hans.yaml', import.meta.url), 'utf8');
const commented = shipped.replace(/^difficulty: (.*)$/m, '# 难度按培训组的要求\ndifficulty: $1  # 新员工第一周用\nnotes_for_qa: keep this');

describe('a change made in the persona form', () => {
  it('changes only the field, keeping every comment and a field the form does not know', () => {
    const changed = withValue(commented, ['name'], '李女士（复制）')!;
    expect(parse(changed).name).toBe('李女士（复制）');
    expect(changed).toContain('# 难度按培训组的要求\n');
    expect(changed).toContain('  # 新员工第一周用');
    expect(changed).toContain('notes_for_qa: keep this');
    const others = (text: string) => text.split('\n').filter((l) => !l.startsWith('name:'));
    expect(others(changed)).toEqual(others(commented));
  });

  it('moves a slider value into a flow mapping, leaving the other axes and lines as written', () => {
    const changed = withValue(shipped, ['mood', 'initial', 'anger'], 7.5)!;
    expect(parse(changed).mood.initial).toEqual({ ...parse(shipped).mood.initial, anger: 7.5 });
    const diff = changed.split('\n').filter((l, i) => l !== shipped.split('\n')[i]);
    expect(diff).toHaveLength(1);
    expect(diff[0]).toMatch(/^ {2}initial: \{ anger: 7.5, /);
  });

  it('writes a list of lines (long Chinese lines unfolded) and a new field, and removes it again', () => {
    const long = '我上个月已经打过三次电话了，每次都说会有人回电，可是到现在都没有任何人联系我，我真的很失望。';
    const changed = withValue(commented, ['opening'], [long, '你好？'])!;
    expect(parse(changed).opening).toEqual([long, '你好？']);
    expect(changed).toContain(long);
    const retired = withValue(changed, ['retired'], true)!;
    expect(parse(retired).retired).toBe(true);
    expect(retired).toContain('# 难度按培训组的要求');
    expect(parse(withValue(retired, ['retired'], undefined)!).retired).toBeUndefined();
  });

  it('round-trips: the form reads back what it wrote, and text edited in the YAML tab after it', () => {
    let text = withValue(commented, ['mood', 'effects', 'empathy.emotion', 'trust'], 2)!;
    text = text.replace('notes_for_qa: keep this', 'notes_for_qa: edited in the YAML tab');
    text = withValue(text, ['summary'], '一位老师，还款被扣了两次。')!;
    const doc = readDraft(text)!;
    expect(valueAt(doc, ['mood', 'effects', 'empathy.emotion'])).toMatchObject({ trust: 2 });
    expect(valueAt(doc, ['summary'])).toBe('一位老师，还款被扣了两次。');
    expect(valueAt(doc, ['notes_for_qa'])).toBe('edited in the YAML tab');
    expect(text).toContain('# 难度按培训组的要求');
  });

  it('writes a text emptied and typed again without quotes, as it was', () => {
    const emptied = withValue(shipped, ['name'], '')!;
    expect(emptied).toMatch(/^name: ""$/m);
    expect(withValue(emptied, ['name'], '王先生')).toMatch(/^name: 王先生$/m);
  });

  it('refuses to work on text that is not a YAML mapping', () => {
    expect(readDraft('id: x\nname: a: b\n')).toBeNull();
    expect(withValue('- just a list\n', ['name'], 'x')).toBeNull();
  });
});
