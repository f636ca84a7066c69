/**
 * The QA pages' interface text in the three languages. English is the reference: the
 * Chinese catalogues are typed against its keys, so a missing one fails the type-check.
 */
export const qaEn = {
  'qa.nav.personas': 'Personas',
} satisfies Record<string, string>;

type QaMessages = Record<keyof typeof qaEn, string>;

export const qaZhHans: QaMessages = {
  'qa.nav.personas': '客户角色',
};

export const qaZhHant: QaMessages = {
  'qa.nav.personas': '客戶角色',
};
