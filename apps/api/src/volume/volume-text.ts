import { Random } from './random';

/** Word lists for generated text: domain words (frequent), filler per language, one very common word. */
export const DOMAIN: Record<string, string[]> = {
  en: ['labour', 'migration', 'return', 'reintegration', 'recruitment', 'remittances', 'data', 'border', 'trafficking', 'smuggling', 'children', 'women', 'diaspora', 'skills', 'climate', 'displacement', 'consular', 'documentation', 'integration', 'health', 'education', 'corridor', 'municipal', 'survey', 'registry', 'training', 'policy', 'bilateral', 'agreement', 'fees', 'workers', 'protection', 'returnees', 'detention', 'alternatives', 'pensions', 'seasonal', 'agriculture', 'recognition', 'referral'],
  fr: ['migration', 'retour', 'réintégration', 'recrutement', 'transferts', 'données', 'frontière', 'traite', 'enfants', 'femmes', 'diaspora', 'compétences', 'climat', 'déplacement', 'consulaire', 'intégration', 'santé', 'formation', 'politique', 'accord', 'travailleurs', 'protection', 'saisonniers', 'reconnaissance'],
  es: ['migración', 'retorno', 'reintegración', 'reclutamiento', 'remesas', 'datos', 'frontera', 'trata', 'niñez', 'mujeres', 'diáspora', 'competencias', 'clima', 'desplazamiento', 'consular', 'integración', 'salud', 'formación', 'política', 'acuerdo', 'trabajadores', 'protección', 'temporeros', 'reconocimiento'],
  pt: ['migração', 'retorno', 'reintegração', 'recrutamento', 'remessas', 'dados', 'fronteira', 'tráfico', 'crianças', 'mulheres', 'diáspora', 'competências', 'clima', 'deslocamento', 'consular', 'integração', 'saúde', 'formação', 'política', 'acordo', 'trabalhadores', 'proteção'],
};
const FILLER: Record<string, string[]> = {
  en: ['programme', 'national', 'local', 'pilot', 'review', 'lessons', 'approach', 'community', 'service', 'partners', 'government', 'results', 'access', 'capacity', 'network', 'standard', 'guidance', 'monitoring', 'evaluation', 'district', 'provincial', 'regional', 'officials', 'support', 'tool', 'model', 'practice', 'design', 'budget', 'costs'],
  fr: ['programme', 'national', 'local', 'pilote', 'bilan', 'leçons', 'approche', 'communauté', 'service', 'partenaires', 'gouvernement', 'résultats', 'accès', 'capacités', 'réseau', 'norme', 'suivi', 'évaluation', 'région', 'agents'],
  es: ['programa', 'nacional', 'local', 'piloto', 'balance', 'lecciones', 'enfoque', 'comunidad', 'servicio', 'socios', 'gobierno', 'resultados', 'acceso', 'capacidades', 'red', 'norma', 'seguimiento', 'evaluación', 'región', 'funcionarios'],
  pt: ['programa', 'nacional', 'local', 'piloto', 'balanço', 'lições', 'abordagem', 'comunidade', 'serviço', 'parceiros', 'governo', 'resultados', 'acesso', 'capacidades', 'rede', 'norma', 'monitoramento', 'avaliação', 'região', 'funcionários'],
};
/** The word that appears in about 46 % of the English items (the "very common word" of the benchmarks). */
export const COMMON_WORD: Record<string, string> = { en: 'migrants', fr: 'migrants', es: 'migrantes', pt: 'migrantes' };

/** Skewed pick: the first words of a list come up far more often (as in real text). */
export function zipf<T>(r: Random, xs: readonly T[]): T {
  return xs[Math.min(xs.length - 1, Math.floor(Math.pow(r.next(), 2.2) * xs.length))];
}

export function sentence(r: Random, lang: string, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(r.next() < 0.35 ? zipf(r, DOMAIN[lang]) : zipf(r, FILLER[lang]));
  return out.join(' ');
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
