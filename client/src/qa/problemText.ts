/**
 * A persona problem as the QA editor shows it: "Starting anger: should be a number, not
 * text". The server sends each problem's code and values (`detail`, server/domain/fileProblem.ts)
 * beside its English `message`; this words it in the interface language and names the field
 * the way the persona form does (fieldLabel.ts). A problem without a detail keeps the
 * server's English.
 */
import type { PersonaProblem } from '../shared/contract.ts';
import type { MessageKey, Translate } from '../shared/i18n/messageKeys.ts';
import { fieldLabel } from './fieldLabel.ts';

export type { Translate };

type Detail = NonNullable<PersonaProblem['detail']>;

const YAML_CODES: Readonly<Record<string, MessageKey>> = {
  BAD_INDENT: 'qa.problem.yaml.indent',
  TAB_AS_INDENT: 'qa.problem.yaml.tab',
  MISSING_CHAR: 'qa.problem.yaml.missingChar',
};

const TYPES: Readonly<Record<string, MessageKey>> = {
  string: 'qa.problem.type.string',
  number: 'qa.problem.type.number',
  boolean: 'qa.problem.type.boolean',
  array: 'qa.problem.type.array',
  object: 'qa.problem.type.object',
  null: 'qa.problem.type.null',
};

const typeName = (type: string | undefined, t: Translate): string => (type && TYPES[type] ? t(TYPES[type]) : (type ?? '?'));

function schemaText(d: Extract<Detail, { kind: 'schema' }>, t: Translate): string | null {
  switch (d.code) {
    case 'invalid_type':
      return d.received === 'undefined' ? t('qa.problem.missing') : t('qa.problem.wrongType', { expected: typeName(d.expected, t), received: typeName(d.received, t) });
    case 'too_small':
      if (d.origin === 'string') return t('qa.problem.empty');
      if (d.origin === 'array' || d.origin === 'set') return t('qa.problem.fewItems', { minimum: d.minimum ?? 1 });
      return t('qa.problem.atLeast', { minimum: d.minimum ?? 0 });
    case 'too_big':
      if (d.origin === 'string') return t('qa.problem.tooLong', { maximum: d.maximum ?? 0 });
      if (d.origin === 'array' || d.origin === 'set') return t('qa.problem.manyItems', { maximum: d.maximum ?? 0 });
      return t('qa.problem.atMost', { maximum: d.maximum ?? 0 });
    case 'invalid_value':
      return t('qa.problem.oneOf', { values: (d.values ?? []).join(', ') });
    case 'invalid_format':
      return t('qa.problem.format');
    default:
      return null;
  }
}

/** The problem's sentence in the interface language, or null to keep the server's. */
function detailText(d: Detail, t: Translate): string | null {
  switch (d.kind) {
    case 'hidden_fact_shown':
      return t('qa.problems.hiddenFactShown', { fact: d.fact, evidence: d.evidence.join(' · ') });
    case 'yaml':
      return t(YAML_CODES[d.code] ?? 'qa.problem.yaml.other', { code: d.code });
    case 'duplicate_key':
      return t('qa.problem.duplicateKey', { key: d.key });
    case 'unknown_field':
      return t('qa.problem.unknownField');
    case 'schema':
      return schemaText(d, t);
    case 'unknown_name':
      return t(`qa.problem.unknown.${d.of}`, { name: d.name });
  }
}

export function problemText(p: PersonaProblem, t: Translate): string {
  const message = (p.detail && detailText(p.detail, t)) ?? p.message;
  if (!p.field) return message;
  // An unknown field is named as written: the form has no label for what it does not know.
  const field = p.detail?.kind === 'unknown_field' ? p.field : fieldLabel(p.field, t);
  return `${field}: ${message}`;
}
