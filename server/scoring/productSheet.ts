/**
 * A product sheet: the figures and rules of the loan a persona asks about or owes on (rate,
 * fees, penalty, dates, documents). What the trainee tells the customer is checked against
 * it (conduct.misinformation), and right figures count towards explaining the cost. The
 * scoring core receives it as part of the transcript; it never reads files.
 */
import { z } from 'zod';

const Percent = z.number().nonnegative().max(100);
const Amount = z.number().nonnegative();
const Days = z.number().int().nonnegative().max(3650);

export const ProductSheet = z.strictObject({
  /** What the product is called, as the customer would hear it. */
  name: z.string().trim().min(1).optional(),
  rate: z.strictObject({ annual_percent: Percent }).optional(),
  fees: z
    .strictObject({
      /** Charged once, when the loan is paid out (手續費, arrangement fee). */
      arrangement: Amount.optional(),
      /** Charged every month beside the instalment (管理費, account fee). */
      monthly: Amount.optional(),
    })
    .optional(),
  /** What a late payment costs, in percent of the overdue amount per day (罰息). */
  penalty: z.strictObject({ daily_percent: Percent }).optional(),
  dates: z
    .strictObject({
      /** The day of the month each instalment is due. */
      repayment_day: z.number().int().min(1).max(31).optional(),
      /** Days after the due day before a payment counts as late. */
      grace_days: Days.optional(),
      /** Working days from approval to the money arriving. */
      payout_days: Days.optional(),
    })
    .optional(),
  /** The documents an application needs, as the customer would name them (身份證, payslips). */
  documents: z.array(z.string().trim().min(1)).optional(),
});
export type ProductSheet = z.infer<typeof ProductSheet>;

/** What kind of figure a fact is, so "7.2%" is never read as a day or "15號" as a fee. */
export type FigureKind = 'percent' | 'amount' | 'day_of_month' | 'days';

export const PRODUCT_FACTS = {
  rate: 'percent',
  arrangement_fee: 'amount',
  monthly_fee: 'amount',
  penalty: 'percent',
  repayment_day: 'day_of_month',
  grace_days: 'days',
  payout_days: 'days',
} as const satisfies Record<string, FigureKind>;
export type ProductFact = keyof typeof PRODUCT_FACTS;
export const PRODUCT_FACT_IDS = Object.keys(PRODUCT_FACTS) as ProductFact[];

/** The sheet's figure for each fact it states. */
export function sheetFigures(sheet: ProductSheet): Partial<Record<ProductFact, number>> {
  const figures: Partial<Record<ProductFact, number>> = {
    rate: sheet.rate?.annual_percent,
    arrangement_fee: sheet.fees?.arrangement,
    monthly_fee: sheet.fees?.monthly,
    penalty: sheet.penalty?.daily_percent,
    repayment_day: sheet.dates?.repayment_day,
    grace_days: sheet.dates?.grace_days,
    payout_days: sheet.dates?.payout_days,
  };
  return Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined));
}
