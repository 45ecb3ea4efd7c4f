/** Types of scripts/wordnet_names.mjs (read there for the rules). */
export declare const PLACE_AND_TIME_LEX_FILES: readonly number[];
export declare function placeAndTimeNames(dataNoun: string, lexFiles?: readonly number[]): string[];
export declare function placeAndTimeNamePairs(dataNoun: string, lexFiles?: readonly number[]): string[];
