import { EMPTY_FORM, toDraftInput, validateRequestForm, type RequestFormValues } from './request-form-validation';

const complete: RequestFormValues = {
  ...EMPTY_FORM,
  title: 'Labour migration data',
  summary: 'Statistics are scattered.',
  expectedResults: 'One shared system.',
  objectives: ['1', '6'],
  actions: ['1.c', '2.a'],
  supportTypes: ['data_and_research'],
  budget: '250000',
  currency: 'USD',
};

describe('request form validation', () => {
  it('accepts a complete request for submission', () => {
    expect(validateRequestForm(complete, true)).toEqual({});
  });

  it('needs only a title and an objective to save a draft', () => {
    expect(validateRequestForm({ ...EMPTY_FORM, title: 'Draft', objectives: ['3'] }, false)).toEqual({});
  });

  it('names each missing field before submission', () => {
    expect(validateRequestForm(EMPTY_FORM, true)).toEqual({
      title: 'form.error.required',
      summary: 'form.error.required',
      expectedResults: 'form.error.required',
      supportTypes: 'form.error.pickOne',
      objectives: 'form.error.pickObjective',
    });
  });

  it('refuses a budget that is not an amount, and an end before the start', () => {
    const e = validateRequestForm(
      { ...complete, budget: '12.345', startDate: '2027-05-01', endDate: '2027-01-01' },
      true,
    );
    expect(e).toEqual({ budget: 'form.error.amount', endDate: 'form.error.endBeforeStart' });
  });

  it('builds the API body: minor units, sorted objectives, actions of chosen objectives only', () => {
    expect(toDraftInput(complete)).toEqual({
      title: 'Labour migration data',
      summary: 'Statistics are scattered.',
      expectedResults: 'One shared system.',
      objectives: [1, 6],
      actions: ['1.c'],
      principles: [],
      supportTypes: ['data_and_research'],
      estimatedBudget: { amount: '25000000', currency: 'USD' },
    });
  });
});
