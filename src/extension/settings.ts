/**
 * The extension's settings as plain data, with their bounds and the clamping rules.
 * No `vscode` import: config.ts reads the raw values, this module decides what they mean, so the
 * rules are unit-tested in plain Node. The engine's numeric options (top-k, temperature, …) take
 * their bounds and defaults from the engine's OPTION_LIMITS and keep their names as setting keys.
 */
import { DEFAULT_OPTIONS, NUMERIC_OPTIONS, OPTION_LIMITS, THREAD_LIMITS, type NumericOptions } from '../engine/options';
import { globProblem } from './learning/glob';

export const SECTION = 'predictiveKeyboard';

export interface Settings extends NumericOptions {
  enabled: boolean;
  languages: string[];
  stripEnabled: boolean;
  stripSize: number;
  /** Absolute folder of a user-chosen model; '' = the embedded model. Only ever read from user settings. */
  modelPath: string;
  /** ORT intra-op threads; 0 = automatic. */
  threads: number;
  commentsEnabled: boolean;
  /** Personal dictionary: learn words typed or accepted, and offer them in every document. */
  learningEnabled: boolean;
  /** Blend the document's own words (and the personal dictionary) into predictions. */
  learningDocumentCache: boolean;
  /** Globs of files never learned from; the built-in secret-file patterns always apply too. */
  learningExclude: string[];
  /** One space after an accepted word or phrase, removed again by closing punctuation typed next. */
  autoSpace: boolean;
  /** Profanities and slurs are offered only once typed in full (the engine's option of the same name). */
  filterOffensiveWords: boolean;
  /** 'manual': predictions only when asked (Alt+\ or the command), never while typing. */
  trigger: Trigger;
  /** Milliseconds to wait after the last keystroke before asking the model. */
  triggerDelayMs: number;
  /** Language ids turned off, whatever `languages` says (the status menu's "off for this language"). */
  disabledLanguages: string[];
}

export type Trigger = 'automatic' | 'manual';
export const TRIGGERS: readonly Trigger[] = ['automatic', 'manual'];

export const DEFAULT_LANGUAGES = ['plaintext', 'markdown', 'git-commit', 'scminput', 'latex', 'restructuredtext'];

/** Files whose text is never learned, whatever the setting says (see learningExclude). */
export const DEFAULT_LEARNING_EXCLUDE: readonly string[] = ['**/.env', '**/.env.*', '**/*.pem', '**/*.key', '**/id_rsa*', '**/secrets*', '**/.git/**'];

export const DEFAULTS: Settings = {
  enabled: true,
  languages: DEFAULT_LANGUAGES,
  ...DEFAULT_OPTIONS,
  stripEnabled: true,
  stripSize: 3,
  modelPath: '',
  threads: THREAD_LIMITS.default,
  commentsEnabled: false,
  learningEnabled: true,
  learningDocumentCache: true,
  learningExclude: [...DEFAULT_LEARNING_EXCLUDE],
  autoSpace: true,
  filterOffensiveWords: true,
  trigger: 'automatic',
  triggerDelayMs: 0,
  disabledLanguages: [],
};

interface NumericRule {
  key: keyof Settings;
  setting: string;
  min: number;
  max: number;
  integer: boolean;
}

/** Bounds shared with package.json's contributes.configuration (a unit test keeps them in step). */
export const NUMERIC_RULES: readonly NumericRule[] = [
  ...NUMERIC_OPTIONS.map((key) => ({ key, setting: key, min: OPTION_LIMITS[key].min, max: OPTION_LIMITS[key].max, integer: OPTION_LIMITS[key].integer })),
  // The extension's own numbers.
  { key: 'stripSize', setting: 'strip.size', min: 1, max: 9, integer: true },
  { key: 'threads', setting: 'threads', min: THREAD_LIMITS.min, max: THREAD_LIMITS.max, integer: THREAD_LIMITS.integer },
  { key: 'triggerDelayMs', setting: 'triggerDelayMs', min: 0, max: 2000, integer: true },
];

type BooleanKey = 'enabled' | 'stripEnabled' | 'commentsEnabled' | 'learningEnabled' | 'learningDocumentCache' | 'autoSpace' | 'filterOffensiveWords';

/** The on/off settings: setting name (relative to the section) and the field it fills. */
export const BOOLEAN_RULES: ReadonlyArray<{ setting: string; key: BooleanKey }> = [
  { setting: 'enabled', key: 'enabled' },
  { setting: 'strip.enabled', key: 'stripEnabled' },
  { setting: 'comments.enabled', key: 'commentsEnabled' },
  { setting: 'learning.enabled', key: 'learningEnabled' },
  { setting: 'learning.documentCache', key: 'learningDocumentCache' },
  { setting: 'autoSpace', key: 'autoSpace' },
  { setting: 'filterOffensiveWords', key: 'filterOffensiveWords' },
];

/** The settings that are lists of strings. */
export const LIST_SETTINGS = ['languages', 'learning.exclude', 'disabledLanguages'] as const;

/** Every setting read from any scope. `modelPath` is not among them: it is read from user settings only. */
export const SETTING_KEYS: readonly string[] = [...BOOLEAN_RULES.map((r) => r.setting), ...LIST_SETTINGS, ...NUMERIC_RULES.map((r) => r.setting), 'trigger'];

/** Raw values as read from the configuration, keyed by setting name relative to the section. */
export type RawSettings = Partial<Record<string, unknown>>;

export interface Clamped {
  settings: Settings;
  /** One line per value that was out of range or of the wrong type, for the Output channel. */
  warnings: string[];
}

/**
 * Turns whatever the person typed into settings.json into usable values. Out-of-range numbers are
 * clamped (not rejected) because a typo should degrade the experience a little, not switch it off.
 * `nPositions` is the loaded model's context size, the real upper bound of `contextTokens`.
 */
export function clampSettings(raw: RawSettings, nPositions?: number): Clamped {
  const warnings: string[] = [];
  const s: Settings = { ...DEFAULTS, languages: [...DEFAULTS.languages], learningExclude: [...DEFAULTS.learningExclude], disabledLanguages: [] };

  for (const { setting, key } of BOOLEAN_RULES) {
    const v = raw[setting];
    if (v === undefined) continue;
    if (typeof v === 'boolean') s[key] = v;
    else warnings.push(`${SECTION}.${setting}: expected true or false, got ${JSON.stringify(v)}; using ${DEFAULTS[key]}`);
  }

  const exclude = raw['learning.exclude'];
  if (exclude !== undefined) {
    if (Array.isArray(exclude) && exclude.every((g) => typeof g === 'string')) {
      const usable = exclude.map((g) => g.trim()).filter((g) => {
        const problem = g === '' ? undefined : globProblem(g);
        if (problem) warnings.push(`${SECTION}.learning.exclude: ignoring ${JSON.stringify(g)}, it is not a valid glob (${problem})`);
        return g !== '' && !problem;
      });
      // Added to the built-in patterns, never replacing them: no setting (or workspace) can make .env files learnable.
      s.learningExclude = [...new Set([...DEFAULT_LEARNING_EXCLUDE, ...usable])];
    } else warnings.push(`${SECTION}.learning.exclude: expected a list of glob patterns; using the defaults`);
  }

  for (const setting of ['languages', 'disabledLanguages'] as const) {
    const langs = raw[setting];
    if (langs === undefined) continue;
    if (Array.isArray(langs) && langs.every((l) => typeof l === 'string')) s[setting] = langs.map((l) => l.trim()).filter((l) => l.length > 0);
    else warnings.push(`${SECTION}.${setting}: expected a list of language ids; using the defaults`);
  }

  const trigger = raw['trigger'];
  if (trigger !== undefined) {
    if (TRIGGERS.includes(trigger as Trigger)) s.trigger = trigger as Trigger;
    else warnings.push(`${SECTION}.trigger: expected "automatic" or "manual", got ${JSON.stringify(trigger)}; using automatic`);
  }

  const path = raw['modelPath'];
  if (path !== undefined && path !== null) {
    if (typeof path === 'string') s.modelPath = path.trim();
    else warnings.push(`${SECTION}.modelPath: expected a folder path; using the embedded model`);
  }

  for (const rule of NUMERIC_RULES) {
    let max = rule.max;
    if (rule.key === 'contextTokens' && nPositions !== undefined && nPositions > 0) max = Math.min(max, nPositions);
    const v = raw[rule.setting];
    if (v === undefined || v === null) {
      (s[rule.key] as number) = Math.min(DEFAULTS[rule.key] as number, max);
      continue;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      warnings.push(`${SECTION}.${rule.setting}: expected a number, got ${JSON.stringify(v)}; using ${DEFAULTS[rule.key]}`);
      (s[rule.key] as number) = Math.min(DEFAULTS[rule.key] as number, max);
      continue;
    }
    let n = rule.integer ? Math.round(v) : v;
    if (n < rule.min) n = rule.min;
    if (n > max) n = max;
    if (rule.integer && !Number.isInteger(v)) {
      // 2.7 is not "out of range" for a range of 1–20: say what is wrong with it.
      warnings.push(`${SECTION}.${rule.setting}: ${v} must be a whole number (${rule.min}–${max}); using ${n}`);
    } else if (n !== v) {
      const why = rule.key === 'contextTokens' && max < rule.max && v > max ? ` (the model's context is ${max} tokens)` : ` (allowed ${rule.min}–${max})`;
      warnings.push(`${SECTION}.${rule.setting}: ${v} is out of range${why}; using ${n}`);
    }
    (s[rule.key] as number) = n;
  }
  return { settings: s, warnings };
}

// The automatic thread count lives with the engine's THREAD_LIMITS.
export { resolveThreads } from '../engine/options';
