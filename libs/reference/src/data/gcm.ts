import gcmJson from './gcm.json';

export interface GcmAction {
  /** The letter in the compact, e.g. "c"; the full code is "<objective>.<letter>". */
  code: string;
  text: string;
}

export interface GcmObjective {
  number: number;
  title: string;
  paragraph: number;
  actions: GcmAction[];
}

/** An action as the API serves it: `code` is the "<objective>.<letter>" requests use. */
export interface ObjectiveAction {
  code: string;
  letter: string;
  text: string;
}

export interface Objective {
  number: number;
  title: string;
  paragraph: number;
  actions: ObjectiveAction[];
}

export interface GuidingPrinciple {
  code: string;
  name: string;
  summary: string;
}

export interface GcmData {
  source: string;
  objectives: GcmObjective[];
  guidingPrinciples: GuidingPrinciple[];
}

export const GCM: GcmData = gcmJson as GcmData;
