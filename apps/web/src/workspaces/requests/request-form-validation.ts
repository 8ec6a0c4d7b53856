import type { RequestDraftInput, SupportType } from '../../api/model';
import { decimalToMinor } from '../../ui/format';

export interface RequestFormValues {
  title: string;
  summary: string;
  expectedResults: string;
  objectives: string[];
  actions: string[];
  principles: string[];
  supportTypes: string[];
  budget: string;
  currency: string;
  startDate: string;
  endDate: string;
}

export const EMPTY_FORM: RequestFormValues = {
  title: '',
  summary: '',
  expectedResults: '',
  objectives: [],
  actions: [],
  principles: [],
  supportTypes: [],
  budget: '',
  currency: 'USD',
  startDate: '',
  endDate: '',
};

export type FormErrors = Partial<Record<keyof RequestFormValues, string>>;

/** Pure validation; returns i18n keys so the messages follow the language. */
export function validateRequestForm(v: RequestFormValues, forSubmit: boolean): FormErrors {
  const e: FormErrors = {};
  if (!v.title.trim()) e.title = 'form.error.required';
  else if (v.title.trim().length > 200) e.title = 'form.error.tooLong';
  if (forSubmit) {
    if (!v.summary.trim()) e.summary = 'form.error.required';
    if (!v.expectedResults.trim()) e.expectedResults = 'form.error.required';
    if (v.supportTypes.length === 0) e.supportTypes = 'form.error.pickOne';
  }
  if (v.objectives.length === 0) e.objectives = 'form.error.pickObjective';
  if (v.budget.trim() && decimalToMinor(v.budget, v.currency) === null) e.budget = 'form.error.amount';
  if (v.startDate && v.endDate && v.endDate < v.startDate) e.endDate = 'form.error.endBeforeStart';
  return e;
}

export function toDraftInput(v: RequestFormValues): RequestDraftInput {
  const objectives = v.objectives.map(Number).sort((a, b) => a - b);
  const input: RequestDraftInput = {
    title: v.title.trim(),
    summary: v.summary.trim(),
    expectedResults: v.expectedResults.trim(),
    objectives,
    // Keep only actions of the objectives still selected.
    actions: v.actions.filter((a) => objectives.includes(Number(a.split('.')[0]))),
    principles: v.principles,
    supportTypes: v.supportTypes as SupportType[],
  };
  const minor = v.budget.trim() ? decimalToMinor(v.budget, v.currency) : null;
  if (minor !== null) input.estimatedBudget = { amount: minor, currency: v.currency };
  if (v.startDate) input.startDate = v.startDate;
  if (v.endDate) input.endDate = v.endDate;
  return input;
}
