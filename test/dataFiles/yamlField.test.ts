// server/dataFiles/yamlField.ts: one top-level field read or changed, every other character kept.
import { describe, expect, it } from 'vitest';
import { lineOfTopLevelField, readTopLevelField, writeTopLevelNumber } from '../../server/dataFiles/yamlField.ts';

const TEXT = ['# A persona, as a person wrote it.', 'id: someone', 'version: 3  # bumped by the server', 'name: "Ms Long: a very long name that a re-print would fold somewhere past the eightieth column"', 'tests:', '- name: indented the other way', ''].join('\n');

describe('readTopLevelField', () => {
  it('reads a scalar field, and nothing from text that does not parse', () => {
    expect(readTopLevelField(TEXT, 'version')).toBe(3);
    expect(readTopLevelField(TEXT, 'id')).toBe('someone');
    expect(readTopLevelField(TEXT, 'tests')).toBeUndefined();
    expect(readTopLevelField('id: [unclosed', 'id')).toBeUndefined();
    expect(readTopLevelField('id: !!js/function "x"', 'id')).toBe('x');
  });

  it('gives the line of a field', () => {
    expect(lineOfTopLevelField(TEXT, 'version')).toBe(3);
    expect(lineOfTopLevelField(TEXT, 'missing')).toBeUndefined();
  });
});

describe('writeTopLevelNumber', () => {
  it('replaces the value alone: comments, quoting, long lines and indentation stay', () => {
    expect(writeTopLevelNumber(TEXT, 'version', 4)).toBe(TEXT.replace('version: 3  #', 'version: 4  #'));
    expect(writeTopLevelNumber(TEXT.replace('version: 3', 'version: "3"'), 'version', 12)).toBe(TEXT.replace('version: 3', 'version: 12'));
  });

  it('adds the field before the first one when it is missing', () => {
    const without = TEXT.replace('version: 3  # bumped by the server\n', '');
    expect(writeTopLevelNumber(without, 'version', 1)).toBe(without.replace('id: someone', 'version: 1\nid: someone'));
  });

  it('changes nothing in text that is not a mapping', () => {
    expect(writeTopLevelNumber('- a\n- b\n', 'version', 1)).toBeNull();
    expect(writeTopLevelNumber('id: [unclosed', 'version', 1)).toBeNull();
  });
});
