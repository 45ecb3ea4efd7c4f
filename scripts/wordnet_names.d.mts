/** Types of scripts/wordnet_names.mjs (read there for the rules). */
export declare const PLACE_AND_TIME_LEX_FILES: readonly number[];
export declare const PERSON_LEX_FILE: number;
export declare function placeAndTimeNames(dataNoun: string, lexFiles?: readonly number[]): string[];
export declare function namePairs(dataNoun: string, lexFiles?: readonly number[]): string[];
export declare function personNouns(dataNoun: string): string[];
export declare function placeAndTimeNamePhrases(dataNoun: string, lexFiles?: readonly number[]): string[];
